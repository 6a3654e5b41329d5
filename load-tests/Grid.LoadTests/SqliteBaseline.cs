using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
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
    private const int Conversations = 1000;

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
    public RunResult Run(int rowsPerTransaction, TimeSpan duration)
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

        var conversations = Enumerable.Range(0, Conversations)
            .Select(_ => (Id: "cnv_" + Guid.NewGuid().ToString("N"), Customer: "cus_" + Guid.NewGuid().ToString("N")))
            .ToArray();
        var seqs = new long[Conversations];
        var run = Guid.NewGuid().ToString("N");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO grid_journal (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
            VALUES (@tenant, @conversation, @seq, @customer, @kind, @at, @source, @key, @hash, @body)
            """;
        var tenant = insert.Parameters.Add("@tenant", SqliteType.Text);
        var conversation = insert.Parameters.Add("@conversation", SqliteType.Text);
        var seq = insert.Parameters.Add("@seq", SqliteType.Integer);
        var customer = insert.Parameters.Add("@customer", SqliteType.Text);
        var kind = insert.Parameters.Add("@kind", SqliteType.Integer);
        var at = insert.Parameters.Add("@at", SqliteType.Integer);
        var source = insert.Parameters.Add("@source", SqliteType.Text);
        var key = insert.Parameters.Add("@key", SqliteType.Text);
        var payloadHash = insert.Parameters.Add("@hash", SqliteType.Text);
        var body = insert.Parameters.Add("@body", SqliteType.Text);
        tenant.Value = "demo";
        kind.Value = 0;
        source.Value = "in:demo-gateway";
        payloadHash.Value = hash;
        insert.Prepare();

        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        long rows = 0;
        var stop = Stopwatch.StartNew();
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            using (var transaction = connection.BeginTransaction())
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
                    body.Value = Body(conversations[target].Customer, externalId, sentAt);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            histogram.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        return ClosedLoop.Summarize(histogram, rows, stop.Elapsed.TotalSeconds);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A body the size and shape of a customer message's event as Grid stores it.</summary>
    internal static string Body(string customerId, string externalId, DateTimeOffset sentAt)
    {
        var time = sentAt.ToString("O", CultureInfo.InvariantCulture);
        return $$"""{"event":"customer-wrote","customerId":"{{customerId}}","text":"Load test message","externalId":"{{externalId}}","integrator":"demo-gateway","senderAddress":"\u002B33970000001","sentAt":"{{time}}","attachments":[],"metadata":{},"language":"en","at":"{{time}}","channel":"Sms"}""";
    }
}
