using Grid.Hosting;
using Grid.Storage;

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

    /// <summary>
    /// Creates the directory (owner-only, see <see cref="DataDirectory"/>) and takes its lock; a directory that cannot be
    /// used or is in use stops the start with a <see cref="GridStartupException"/>.
    /// </summary>
    public static DataDirectoryLock Acquire(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        DataDirectory.Create(full);
        var path = Path.Combine(full, "grid.lock");
        try
        {
            return new DataDirectoryLock(DataDirectory.OpenNew(path, FileMode.OpenOrCreate));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw DataDirectory.Unusable(full, ex);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new GridStartupException(
                $"The data directory {full} is in use by another Grid process; stop it or set Grid:DataDir to another directory.", ex);
        }
        catch (IOException ex)
        {
            throw DataDirectory.Unusable(full, ex);
        }
    }

    public ValueTask DisposeAsync() => stream?.DisposeAsync() ?? ValueTask.CompletedTask;
}
