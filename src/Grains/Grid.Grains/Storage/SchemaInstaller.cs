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
            await ApplyAsync(layout.Orleans, "sqlite-orleans.sql", cancellationToken);
            await ApplyAsync(layout.Journal, "sqlite-grid.sql", cancellationToken);
        }
        else
        {
            await ApplyAsync(layout.Orleans, "postgres-orleans.sql", cancellationToken);
            await ApplyAsync(layout.Journal, "postgres-grid.sql", cancellationToken);
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
