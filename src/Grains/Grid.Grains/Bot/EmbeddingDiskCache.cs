using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A knowledge base's phrasing vectors on disk (<see cref="SentenceEmbedder.UseDiskCache"/>): one file per list of
/// texts, named by the SHA-256 of the model's name and the texts in order, holding a header (a magic word, the count,
/// the dimension) and the vectors. Written to a temporary name and renamed, so a reader never sees half a file and
/// processes sharing the directory may write the same file at once. The texts are not stored, only their vectors.
/// Every edit of a base makes a new list: the directory keeps the <see cref="MaxFiles"/> files read or written last
/// (a read touches its file) and removes the others, and temporary files a killed process left.
/// </summary>
internal sealed class EmbeddingDiskCache(string directory, string model, ILogger logger)
{
    /// <summary>How many lists' files the directory keeps (one per language and per answers' list of each base version).</summary>
    public const int MaxFiles = 64;

    private const int Magic = 0x31434556; // "VEC1"

    /// <summary>The vectors of exactly these texts, or null when none are stored or the file does not fit them.</summary>
    public float[][]? TryRead(string[] texts)
    {
        var path = PathOf(texts);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != texts.Length)
            {
                return null;
            }

            var dimension = reader.ReadInt32();
            if (dimension <= 0 || reader.BaseStream.Length != 12 + ((long)texts.Length * dimension * sizeof(float)))
            {
                return null;
            }

            var vectors = new float[texts.Length][];
            var bytes = new byte[dimension * sizeof(float)];
            for (var i = 0; i < texts.Length; i++)
            {
                reader.BaseStream.ReadExactly(bytes);
                vectors[i] = new float[dimension];
                Buffer.BlockCopy(bytes, 0, vectors[i], 0, bytes.Length);
            }

            reader.Dispose();
            Touch(path);
            return vectors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Reading the embedding cache file {Path} failed; the phrasings are encoded again", path);
            return null;
        }
    }

    /// <summary>Stores the vectors of these texts (all of one dimension).</summary>
    public void Write(string[] texts, float[][] vectors)
    {
        if (texts.Length == 0)
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            return; // removed since the silo started (a test's temporary data directory): not made again
        }

        var path = PathOf(texts);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(texts.Length);
                writer.Write(vectors[0].Length);
                var bytes = new byte[vectors[0].Length * sizeof(float)];
                foreach (var vector in vectors)
                {
                    Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                    writer.Write(bytes);
                }
            }

            File.Move(temporary, path, overwrite: true);
            Prune();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Writing the embedding cache file {Path} failed; the next process encodes these phrasings again", path);
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
            logger.LogDebug(ex, "The embedding cache file {Path} could not be marked as used", path);
        }
    }

    /// <summary>Removes all but the <see cref="MaxFiles"/> most recent files, and temporary files older than an hour.</summary>
    private void Prune()
    {
        var info = new DirectoryInfo(directory);
        var stale = info.GetFiles("*.vec").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxFiles)
            .Concat(info.GetFiles("*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)));
        foreach (var file in stale)
        {
            file.Delete(); // a file another process removed first is no error
        }
    }

    private string PathOf(string[] texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(model));
        foreach (var text in texts)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Path.Combine(directory, Convert.ToHexStringLower(hash.GetHashAndReset()) + ".vec");
    }
}
