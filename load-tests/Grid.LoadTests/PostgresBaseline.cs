using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
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
    private const int Conversations = 1000;

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
        var conversations = Enumerable.Range(0, Conversations)
            .Select(_ => (Id: "cnv_" + Guid.NewGuid().ToString("N"), Customer: "cus_" + Guid.NewGuid().ToString("N")))
            .ToArray();
        var seqs = new long[Conversations];
        var run = Guid.NewGuid().ToString("N");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {table} (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
            VALUES ('demo', $1, $2, $3, 0, $4, 'in:demo-gateway', $5, '{hash}', $6)
            """,
            connection);
        var conversation = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        var seq = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        var customer = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        var at = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        var key = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        var body = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        await insert.PrepareAsync();

        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        long rows = 0;
        var stop = Stopwatch.StartNew();
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                insert.Transaction = transaction;
                for (var i = 0; i < rowsPerTransaction; i++, rows++)
                {
                    var target = (int)(rows % Conversations);
                    var externalId = $"{run}-{rows}";
                    var sentAt = DateTimeOffset.UtcNow;
                    conversation.Value = conversations[target].Id;
                    seq.Value = ++seqs[target];
                    customer.Value = conversations[target].Customer;
                    at.Value = sentAt.ToUnixTimeMilliseconds();
                    key.Value = externalId;
                    body.Value = SqliteBaseline.Body(conversations[target].Customer, externalId, sentAt);
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }

            histogram.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        return ClosedLoop.Summarize(histogram, rows, stop.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
