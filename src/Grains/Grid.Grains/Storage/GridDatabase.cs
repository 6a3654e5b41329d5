using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Grid.Storage;

/// <summary>
/// The database holding the journal and the outbox: a SQLite file in embedded mode, PostgreSQL in cluster mode.
/// Opens connections with the per-connection settings each dialect needs.
/// </summary>
public sealed class GridDatabase
{
    private readonly string sqliteSynchronous;
    private readonly Lazy<DbDataSource> orleansDataSource;

    public GridDatabase(StorageDialect dialect, string connectionString, string sqliteSynchronous = "NORMAL")
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        this.sqliteSynchronous = sqliteSynchronous.ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "NORMAL" => "NORMAL",
            "EXTRA" => "EXTRA",
            var other => throw new ArgumentException($"SQLite synchronous mode '{other}' is not one of NORMAL, FULL, EXTRA."),
        };

        // One data source per database, shared by the storage, reminder and clustering providers (one gate on SQLite).
        orleansDataSource = new Lazy<DbDataSource>(() => dialect == StorageDialect.Sqlite
            ? new GatedSqliteDataSource(connectionString, this.sqliteSynchronous)
            : NpgsqlDataSource.Create(connectionString));
    }

    public StorageDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// What Orleans' AdoNet providers connect with: on SQLite a gated data source (one connection at a time),
    /// on PostgreSQL Npgsql's pooled data source.
    /// </summary>
    public DbDataSource OrleansDataSource => orleansDataSource.Value;

    /// <summary>The ADO.NET invariant the Orleans providers expect for this dialect.</summary>
    public string OrleansInvariant => Dialect == StorageDialect.Sqlite ? "System.Data.SQLite" : "Npgsql";

    public static GridDatabase Sqlite(string path, string synchronous = "NORMAL") =>
        new(StorageDialect.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString(), synchronous);

    /// <summary>
    /// PostgreSQL through one pooled data source per process, shared by Orleans' providers and Grid's own tables, capped
    /// at <paramref name="maxPoolSize"/> connections unless the connection string sets "Maximum Pool Size" itself. A
    /// call finding the pool exhausted waits up to the connection string's Timeout (15 s by default) for a connection,
    /// then fails as a storage fault that clients see as UNAVAILABLE.
    /// </summary>
    public static GridDatabase Postgres(string connectionString, int maxPoolSize = Hosting.PostgresOptions.DefaultMaxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        return new(StorageDialect.Postgres, builder.ConnectionString);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Dialect == StorageDialect.Postgres)
        {
            // The same pool as Orleans' providers: one cap per process.
            return await orleansDataSource.Value.OpenConnectionAsync(cancellationToken);
        }

        DbConnection connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Dialect == StorageDialect.Sqlite)
            {
                // busy_timeout lets SQLite itself wait for the write lock; synchronous is per connection.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={sqliteSynchronous}; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a script whose statements are separated by lines holding only "-- GO".</summary>
    public async Task ApplyScriptAsync(string script, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var statement in SplitScript(script))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static IEnumerable<string> SplitScript(string script)
    {
        var current = new System.Text.StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            if (line.Trim() == "-- GO")
            {
                if (current.ToString().Trim().Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear();
                continue;
            }

            current.Append(line).Append('\n');
        }

        if (current.ToString().Trim().Length > 0)
        {
            yield return current.ToString();
        }
    }
}
