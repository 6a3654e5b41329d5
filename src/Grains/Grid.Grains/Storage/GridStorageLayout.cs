using Grid.Hosting;

namespace Grid.Storage;

/// <summary>
/// Where each kind of data lives. Embedded: two SQLite files under the data directory (Orleans' state and
/// reminders in one, the journal and outbox in the other, so the journal's writer never waits on grain-state
/// writes). Cluster: one PostgreSQL database for both.
/// </summary>
public sealed class GridStorageLayout
{
    public GridStorageLayout(GridDatabase orleans, GridDatabase journal, string? dataDir = null)
    {
        Orleans = orleans;
        Journal = journal;
        DataDir = dataDir;
    }

    /// <summary>Embedded: the data directory (full path) holding the two files; null on PostgreSQL.</summary>
    public string? DataDir { get; }

    public const string OrleansFile = "orleans.db";
    public const string JournalFile = "journal.db";

    public GridDatabase Orleans { get; }

    public GridDatabase Journal { get; }

    public StorageDialect Dialect => Journal.Dialect;

    public static GridStorageLayout From(GridRuntimeOptions options, string? postgresConnectionString)
    {
        if (options.Mode == GridMode.Cluster)
        {
            if (string.IsNullOrWhiteSpace(postgresConnectionString))
            {
                throw new GridStartupException(
                    "Cluster mode needs a PostgreSQL connection string: set ConnectionStrings:Grid (environment variable ConnectionStrings__Grid).");
            }

            var postgres = GridDatabase.Postgres(postgresConnectionString, options.Postgres.MaxPoolSize);
            return new GridStorageLayout(postgres, postgres);
        }

        // The files are created owner-only before SQLite opens them: it gives their -wal and -shm files the same mode.
        var dataDir = Path.GetFullPath(options.DataDir);
        DataDirectory.Create(dataDir);
        DataDirectory.CreateFile(dataDir, OrleansFile);
        DataDirectory.CreateFile(dataDir, JournalFile);
        return new GridStorageLayout(
            GridDatabase.Sqlite(Path.Combine(dataDir, OrleansFile), options.SqliteSynchronous),
            GridDatabase.Sqlite(Path.Combine(dataDir, JournalFile), options.SqliteSynchronous),
            dataDir);
    }
}
