using Grid.Hosting;

namespace Grid.Storage;

/// <summary>
/// Where each kind of data lives. Embedded: two SQLite files under the data directory (Orleans' state and
/// reminders in one, the journal and outbox in the other, so the journal's writer never waits on grain-state
/// writes). Cluster: one PostgreSQL database for both.
/// </summary>
public sealed class GridStorageLayout
{
    public GridStorageLayout(GridDatabase orleans, GridDatabase journal)
    {
        Orleans = orleans;
        Journal = journal;
    }

    public GridDatabase Orleans { get; }

    public GridDatabase Journal { get; }

    public StorageDialect Dialect => Journal.Dialect;

    public static GridStorageLayout From(GridRuntimeOptions options, string? postgresConnectionString)
    {
        if (options.Mode == GridMode.Cluster)
        {
            if (string.IsNullOrWhiteSpace(postgresConnectionString))
            {
                throw new InvalidOperationException(
                    "Cluster mode needs a PostgreSQL connection string: set ConnectionStrings:Grid (environment variable ConnectionStrings__Grid).");
            }

            var postgres = GridDatabase.Postgres(postgresConnectionString, options.Postgres.MaxPoolSize);
            return new GridStorageLayout(postgres, postgres);
        }

        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        return new GridStorageLayout(
            GridDatabase.Sqlite(Path.Combine(dataDir, "orleans.db"), options.SqliteSynchronous),
            GridDatabase.Sqlite(Path.Combine(dataDir, "journal.db"), options.SqliteSynchronous));
    }
}
