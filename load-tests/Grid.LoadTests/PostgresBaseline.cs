using Npgsql;
using NpgsqlTypes;

namespace Grid.LoadTests;

/// <summary>
/// The floor of a committed append on a PostgreSQL server (a cluster's database): a table of the journal's row shape
/// (the columns and indexes of <c>grid_journal</c> in <c>postgres-grid.sql</c>, a logged table: every commit is
/// durable as the server is configured), written on one connection as fast as possible, <c>BEGIN; INSERT …; COMMIT</c>
/// with a given number of rows per transaction, one prepared statement. Rows go round robin to 1,000 conversations
/// like <see cref="SqliteBaseline"/>'s. Each run creates its own table, dropped at the end.
/// </summary>
public sealed class PostgresBaseline(string connectionString)
{
    public async Task<RunResult> RunAsync(int rowsPerTransaction, TimeSpan duration)
    {
        var table = "grid_load_journal_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"""
            CREATE TABLE {table} (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant TEXT NOT NULL, conversation_id TEXT NOT NULL,
                seq BIGINT NOT NULL, customer_id TEXT NOT NULL, kind INTEGER NOT NULL, at_ms BIGINT NOT NULL,
                idem_source TEXT NULL, idem_key TEXT NULL, payload_hash TEXT NULL, body TEXT NOT NULL);
            CREATE UNIQUE INDEX ux_{table}_seq ON {table} (tenant, conversation_id, seq);
            CREATE UNIQUE INDEX ux_{table}_idem ON {table} (tenant, idem_source, idem_key) WHERE idem_key IS NOT NULL;
            CREATE INDEX ix_{table}_customer ON {table} (tenant, customer_id, id);
            """);
        try
        {
            return await InsertAsync(connection, table, rowsPerTransaction, duration);
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE {table}");
        }
    }

    private static async Task<RunResult> InsertAsync(NpgsqlConnection connection, string table, int rowsPerTransaction, TimeSpan duration)
    {
        var workload = new JournalRowWorkload();
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {table} (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
            VALUES ('demo', $1, $2, $3, 0, $4, 'in:demo-gateway', $5, '{workload.Hash}', $6)
            """,
            connection);
        NpgsqlParameter Add(NpgsqlDbType type) => insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        var row = new JournalRowParameters(Add(NpgsqlDbType.Text), Add(NpgsqlDbType.Bigint), Add(NpgsqlDbType.Text), Add(NpgsqlDbType.Bigint),
            Add(NpgsqlDbType.Text), Add(NpgsqlDbType.Text));
        await insert.PrepareAsync();
        return await workload.RunAsync(connection, insert, row, rowsPerTransaction, duration);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
