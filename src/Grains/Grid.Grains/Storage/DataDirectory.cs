using Grid.Hosting;

namespace Grid.Storage;

/// <summary>
/// The embedded data directory holds customers' messages and addresses and the development credentials: it is
/// readable by its owner only. A new directory is created 0700 and every file Grid creates there 0600 (SQLite gives its
/// -wal and -shm files the mode of their database file, so the databases are created 0600 before SQLite opens them).
/// An existing directory or file open to other users is tightened to those modes, and each one tightened is reported
/// so that the host logs a warning: the data may have been read already. On Windows the modes do not apply.
/// </summary>
public static class DataDirectory
{
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the directory (0700) unless it exists, and checks that this user can create files in it (SQLite creates
    /// its -wal and -shm files there while running): a path that cannot be a writable directory stops the start.
    /// </summary>
    public static void Create(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(full);
            }
            else if (!Directory.Exists(full))
            {
                // Parents created on the way get the same mode; the umask can only narrow it.
                Directory.CreateDirectory(full, OwnerOnlyDirectory);
            }

            var probe = Path.Combine(full, ".grid-write-check-" + Guid.NewGuid().ToString("N"));
            using (OpenNew(probe, System.IO.FileMode.Create))
            {
            }

            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(full, ex);
        }
    }

    /// <summary>
    /// Creates <paramref name="fileName"/> in the directory, empty and 0600, unless it exists. Used for the SQLite files,
    /// which SQLite would otherwise create with its default mode (0644).
    /// </summary>
    public static void CreateFile(string dataDir, string fileName)
    {
        var path = Path.Combine(Path.GetFullPath(dataDir), fileName);
        try
        {
            if (!File.Exists(path))
            {
                using var created = OpenNew(path, System.IO.FileMode.CreateNew);
            }
            else
            {
                using var writable = new FileStream(path, System.IO.FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // created meanwhile by another opener: its mode is checked by Tighten
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(Path.GetDirectoryName(path)!, ex);
        }
    }

    /// <summary>
    /// A new file readable by its owner only from its creation on (never a moment with the default mode):
    /// <paramref name="mode"/> <see cref="System.IO.FileMode.CreateNew"/> or <see cref="System.IO.FileMode.OpenOrCreate"/>.
    /// </summary>
    public static FileStream OpenNew(string path, System.IO.FileMode mode, FileShare share = FileShare.None)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Tightens the directory to 0700 and each file directly in it to 0600 where they are open to group or others.
    /// Returns the paths tightened with their former modes, for the host to log.
    /// </summary>
    public static IReadOnlyList<(string Path, UnixFileMode Was)> Tighten(string dataDir)
    {
        var tightened = new List<(string, UnixFileMode)>();
        if (OperatingSystem.IsWindows())
        {
            return tightened;
        }

        var full = Path.GetFullPath(dataDir);
        Restrict(new DirectoryInfo(full), OwnerOnlyDirectory, tightened);
        foreach (var file in Directory.EnumerateFiles(full))
        {
            Restrict(new FileInfo(file), OwnerOnlyFile, tightened);
        }

        return tightened;
    }

    /// <summary>The one-line message for a data directory Grid cannot use.</summary>
    public static GridStartupException Unusable(string dataDir, Exception cause) =>
        new($"the data directory {dataDir} cannot be used ({Reason(dataDir, cause)}); " +
            "set Grid:DataDir (environment variable Grid__DataDir) to a directory this user can create and write.", cause);

    /// <summary>Why: a file where a directory should be, a permission, else the system's words.</summary>
    private static string Reason(string dataDir, Exception cause)
    {
        for (var path = dataDir; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return $"{path} is a file, not a directory";
            }
        }

        return cause is UnauthorizedAccessException ? "permission denied" : cause.Message.TrimEnd('.');
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Restrict(FileSystemInfo entry, UnixFileMode allowed, List<(string, UnixFileMode)> tightened)
    {
        var path = entry.FullName;
        try
        {
            var mode = entry.UnixFileMode;
            if ((mode & ~allowed & (UnixFileMode)0x1FF) != 0)
            {
                entry.UnixFileMode = mode & allowed;
                tightened.Add((path, mode));
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // removed meanwhile (SQLite deletes its -wal file when the last connection closes)
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new GridStartupException($"Grid cannot restrict {path} to its owner ({ex.Message.TrimEnd('.')}): run Grid as the owner of its data directory.", ex);
        }
    }
}
