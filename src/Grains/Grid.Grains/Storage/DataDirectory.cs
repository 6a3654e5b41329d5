using Grid.Hosting;

namespace Grid.Storage;

/// <summary>
/// The embedded data directory holds customers' messages and addresses and the development credentials: it is
/// readable by its owner only. A new directory is created 0700 and every file Grid creates there 0600 (SQLite gives its
/// -wal and -shm files the mode of their database file, so the databases are created 0600 before SQLite opens them).
/// An existing directory or Grid file open to other users is tightened to those modes (a directory holding files other
/// than Grid's is left as it is), and each one is reported so that the host logs a warning: the data may have been read
/// already. On Windows the modes do not apply.
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
    /// Tightens Grid's files in the directory to 0600 and the directory to 0700 where they are open to group or others.
    /// A directory that holds anything else is not changed (Grid was pointed at a directory it does not own alone, such
    /// as a home directory): it is reported, not tightened, and other files are never touched. Returns what was open to
    /// others, with the former mode and whether it was tightened, for the host to log.
    /// </summary>
    public static IReadOnlyList<(string Path, UnixFileMode Was, bool Tightened)> Tighten(string dataDir)
    {
        var found = new List<(string, UnixFileMode, bool)>();
        if (OperatingSystem.IsWindows())
        {
            return found;
        }

        var full = Path.GetFullPath(dataDir);
        var others = false;
        foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
        {
            if (entry is FileInfo && IsGrids(entry.Name))
            {
                Restrict(entry, OwnerOnlyFile, change: true, found);
            }
            else
            {
                others = true;
            }
        }

        Restrict(new DirectoryInfo(full), OwnerOnlyDirectory, change: !others, found);
        return found;
    }

    /// <summary>Grid's files: the databases and SQLite's files beside them, the lock, the development credentials.</summary>
    public static bool IsGrids(string fileName) =>
        GridFiles.Any(f => fileName == f || fileName.StartsWith(f + "-", StringComparison.Ordinal) || fileName.StartsWith(f + ".", StringComparison.Ordinal))
        || fileName.StartsWith(".grid-write-check-", StringComparison.Ordinal);

    private static readonly string[] GridFiles = ["orleans.db", "journal.db", "grid.lock", "dev-credentials.json"];

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
    private static void Restrict(FileSystemInfo entry, UnixFileMode allowed, bool change, List<(string, UnixFileMode, bool)> found)
    {
        var path = entry.FullName;
        try
        {
            var mode = entry.UnixFileMode;
            if ((mode & ~allowed & (UnixFileMode)0x1FF) != 0)
            {
                if (change)
                {
                    entry.UnixFileMode = mode & allowed;
                }

                found.Add((path, mode, change));
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
