using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Grid.LoadTests;

/// <summary>
/// The floor of a committed append on this disk: a SQLite file in WAL mode with <c>synchronous=NORMAL</c> (Grid's
/// shipped setting) holding a table of the journal's row shape (the columns and the three indexes of
/// <c>grid_journal</c> in <c>sqlite-grid.sql</c>), written on one connection as fast as possible: <c>BEGIN; INSERT …;
/// COMMIT</c> with a given number of rows per transaction, one prepared statement, no savepoints. Rows go round robin
/// to 1,000 conversations with their own gap-free seqs, each with a unique idempotency key, like the journal's.
/// Every run starts from a new file in a temporary directory, deleted at the end.
/// </summary>
public sealed class SqliteBaseline : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        PRAGMA busy_timeout=5000;
        PRAGMA synchronous=NORMAL;
        PRAGMA foreign_keys=ON;
        CREATE TABLE grid_journal (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant          TEXT    NOT NULL,
            conversation_id TEXT    NOT NULL,
            seq             INTEGER NOT NULL,
            customer_id     TEXT    NOT NULL,
            kind            INTEGER NOT NULL,
            at_ms           INTEGER NOT NULL,
            idem_source     TEXT    NULL,
            idem_key        TEXT    NULL,
            payload_hash    TEXT    NULL,
            body            TEXT    NOT NULL
        );
        CREATE UNIQUE INDEX ux_grid_journal_seq ON grid_journal (tenant, conversation_id, seq);
        CREATE UNIQUE INDEX ux_grid_journal_idem ON grid_journal (tenant, idem_source, idem_key) WHERE idem_key IS NOT NULL;
        CREATE INDEX ix_grid_journal_customer ON grid_journal (tenant, customer_id, id);
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("grid-load-sqlite-").FullName;

    /// <summary>
    /// Inserts rows for <paramref name="duration"/>, <paramref name="rowsPerTransaction"/> per transaction.
    /// Throughput is in rows per second; latencies are those of whole transactions (BEGIN to COMMIT).
    /// </summary>
    public async Task<RunResult> RunAsync(int rowsPerTransaction, TimeSpan duration)
    {
        var path = Path.Combine(directory, $"journal-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        var workload = new JournalRowWorkload();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO grid_journal (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
            VALUES ('demo', @conversation, @seq, @customer, 0, @at, 'in:demo-gateway', @key, @hash, @body)
            """;
        var row = new JournalRowParameters(
            insert.Parameters.Add("@conversation", SqliteType.Text), insert.Parameters.Add("@seq", SqliteType.Integer),
            insert.Parameters.Add("@customer", SqliteType.Text), insert.Parameters.Add("@at", SqliteType.Integer),
            insert.Parameters.Add("@key", SqliteType.Text), insert.Parameters.Add("@body", SqliteType.Text));
        insert.Parameters.AddWithValue("@hash", workload.Hash);
        insert.Prepare();
        return await workload.RunAsync(connection, insert, row, rowsPerTransaction, duration);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A body the size and shape of a customer message's event as Grid stores it.</summary>
    internal static string Body(string customerId, string externalId, DateTimeOffset sentAt)
    {
        var time = sentAt.ToString("O", CultureInfo.InvariantCulture);
        return $$"""{"event":"customer-wrote","customerId":"{{customerId}}","text":"Load test message","externalId":"{{externalId}}","integrator":"demo-gateway","senderAddress":"\u002B33970000001","sentAt":"{{time}}","attachments":[],"metadata":{},"language":"en","at":"{{time}}","channel":"Sms"}""";
    }
}
