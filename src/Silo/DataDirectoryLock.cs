namespace Grid.Silo;

/// <summary>
/// An exclusive lock on the embedded data directory: a second process started on the same directory refuses to
/// start instead of running beside the first (two writers would corrupt each other's view of the state).
/// The lock is released by the operating system when the process dies, SIGKILL included.
/// </summary>
public sealed class DataDirectoryLock : IAsyncDisposable
{
    private readonly FileStream? stream;

    private DataDirectoryLock(FileStream? stream) => this.stream = stream;

    public static DataDirectoryLock None { get; } = new(null);

    public static DataDirectoryLock Acquire(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "grid.lock");
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The data directory {Path.GetFullPath(dataDir)} is in use by another Grid process; stop it or set Grid:DataDir to another directory.", ex);
        }
    }

    public ValueTask DisposeAsync() => stream?.DisposeAsync() ?? ValueTask.CompletedTask;
}
