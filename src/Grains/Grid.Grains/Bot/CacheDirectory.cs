using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A directory of files that spare a process work another process did (<see cref="EmbeddingDiskCache"/>,
/// <see cref="TrainedModelCache"/>): each file is named by its content's key, written to a temporary name and renamed
/// (a reader never sees half a file, and processes sharing the directory may write the same file at once), marked as
/// used when read, and the directory keeps only the <c>maxFiles</c> files of its extension used last (and removes
/// temporary files a killed process left). A file that cannot be read or written is logged and skipped: the caller
/// does the work again.
/// </summary>
internal sealed class CacheDirectory(string directory, string extension, int maxFiles, string what, ILogger logger)
{
    /// <summary>The path of the file with this key (a hexadecimal hash).</summary>
    public string PathOf(string key) => Path.Combine(directory, key + extension);

    /// <summary>
    /// Reads the file with this key; null when there is none, or when <paramref name="read"/> finds it does not fit (it
    /// returns null, or throws <see cref="InvalidDataException"/> or <see cref="EndOfStreamException"/> on a damaged file).
    /// </summary>
    public T? TryRead<T>(string key, Func<BinaryReader, T?> read)
        where T : class
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            T? value;
            using (var reader = new BinaryReader(File.OpenRead(path)))
            {
                value = read(reader);
            }

            if (value is not null)
            {
                Touch(path);
            }

            return value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            logger.LogWarning(ex, "Reading the {What} cache file {Path} failed; the work is done again", what, path);
            return null;
        }
    }

    /// <summary>Writes the file with this key.</summary>
    public void Write(string key, Action<BinaryWriter> write)
    {
        if (!Directory.Exists(directory))
        {
            return; // removed since the silo started (a test's temporary data directory): not made again
        }

        var path = PathOf(key);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                write(writer);
            }

            File.Move(temporary, path, overwrite: true);
            Prune();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Writing the {What} cache file {Path} failed; the next process does the work again", what, path);
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Marks a file as used now, so pruning keeps it; a file that cannot be touched is only read again.</summary>
    private void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(ex, "The {What} cache file {Path} could not be marked as used", what, path);
        }
    }

    /// <summary>Removes all but the most recent files of the extension, and temporary files older than an hour.</summary>
    private void Prune()
    {
        var info = new DirectoryInfo(directory);
        var stale = info.GetFiles("*" + extension).OrderByDescending(f => f.LastWriteTimeUtc).Skip(maxFiles)
            .Concat(info.GetFiles("*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)));
        foreach (var file in stale)
        {
            file.Delete(); // a file another process removed first is no error
        }
    }
}
