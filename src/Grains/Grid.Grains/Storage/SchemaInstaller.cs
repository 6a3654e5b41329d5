using System.Reflection;
using Grid.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Storage;

/// <summary>
/// Applies the project's own schema scripts (Orleans' OrleansQuery tables and Grid's journal and outbox) before
/// anything in the silo touches the database. The scripts are re-runnable; on PostgreSQL an advisory lock keeps
/// silos starting together from racing each other.
/// </summary>
public sealed class SchemaInstaller(GridStorageLayout layout, ILogger<SchemaInstaller> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const long PostgresLockKey = 0x6772_6964; // "grid"

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaInstaller), ServiceLifecycleStage.First, ApplyAsync);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (layout.Dialect == StorageDialect.Sqlite)
        {
            TightenDataDirectory();
            await ApplyAsync(layout.Orleans, "sqlite-orleans.sql", cancellationToken);
            await ApplyAsync(layout.Journal, "sqlite-grid.sql", cancellationToken);
            TightenDataDirectory(); // the -wal and -shm files SQLite has just created
        }
        else
        {
            await ApplyAsync(layout.Orleans, "postgres-orleans.sql", cancellationToken);
            await ApplyAsync(layout.Journal, "postgres-grid.sql", cancellationToken);
        }

        await EnsureTypedJournalAsync(cancellationToken);
    }

    /// <summary>
    /// Embedded: the data directory and its files readable by their owner only; what was open to others is tightened
    /// with a warning (see <see cref="DataDirectory"/>).
    /// </summary>
    private void TightenDataDirectory()
    {
        if (layout.DataDir is null)
        {
            return;
        }

        foreach (var (path, was, tightened) in DataDirectory.Tighten(layout.DataDir))
        {
            var mode = Convert.ToString((int)was & 0x1FF, 8);
            if (tightened)
            {
                logger.LogWarning("{Path} was open to other users (mode {Mode}); restricted to its owner. Its contents may have been read.", path, mode);
            }
            else
            {
                logger.LogWarning("The data directory {Path} is open to other users (mode {Mode}) and holds files other than Grid's, so it is left as it is: " +
                    "give Grid a directory of its own (Grid:DataDir), which it keeps readable by its owner only.", path, mode);
            }
        }
    }

    /// <summary>
    /// The journal holds typed events; rows written by the foundation's untyped format cannot be replayed. Refuse to
    /// start on them with a clear message rather than fail on the first conversation that reads one.
    /// </summary>
    private async Task EnsureTypedJournalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await layout.Journal.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT body FROM grid_journal ORDER BY id LIMIT 1";
        if (await select.ExecuteScalarAsync(cancellationToken) is string body && !body.Contains("\"event\":", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The journal was written by an earlier version of Grid (untyped entries) and cannot be read by this one: " +
                "start with a new data directory (Grid:DataDir) or a new database (ConnectionStrings:Grid).");
        }
    }

    private async Task ApplyAsync(GridDatabase database, string script, CancellationToken cancellationToken)
    {
        var text = ReadScript(script);
        if (database.Dialect == StorageDialect.Postgres)
        {
            text = $"SELECT pg_advisory_lock({PostgresLockKey});\n-- GO\n{text}\n-- GO\nSELECT pg_advisory_unlock({PostgresLockKey});";
        }

        await database.ApplyScriptAsync(text, cancellationToken);
        logger.LogInformation("Schema script {Script} applied", script);
    }

    public static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grid.Schema." + name)
            ?? throw new InvalidOperationException($"Schema script {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
