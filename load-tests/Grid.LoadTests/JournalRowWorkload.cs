using System.Data.Common;
using System.Diagnostics;
using HdrHistogram;

namespace Grid.LoadTests;

/// <summary>The parameters of a prepared insert of one journal row that change from row to row.</summary>
internal sealed record JournalRowParameters(DbParameter Conversation, DbParameter Seq, DbParameter Customer, DbParameter At, DbParameter Key, DbParameter Body);

/// <summary>
/// The rows the database baselines insert, whatever the database: round robin to 1,000 conversations with their own
/// gap-free seqs, each row with a unique idempotency key and a body the size and shape of a customer message's event.
/// </summary>
internal sealed class JournalRowWorkload
{
    private const int Conversations = 1000;

    private readonly (string Id, string Customer)[] conversations = Enumerable.Range(0, Conversations)
        .Select(_ => ("cnv_" + Guid.NewGuid().ToString("N"), "cus_" + Guid.NewGuid().ToString("N")))
        .ToArray();

    private readonly long[] seqs = new long[Conversations];
    private readonly string run = Guid.NewGuid().ToString("N");

    /// <summary>The payload hash every row carries (the same for all: the baselines do not compare payloads).</summary>
    public string Hash { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));

    /// <summary>
    /// Runs the prepared <paramref name="insert"/> for <paramref name="duration"/>, <paramref name="rowsPerTransaction"/>
    /// rows per transaction. Throughput in rows per second; latencies of whole transactions (BEGIN to COMMIT).
    /// </summary>
    public async Task<RunResult> RunAsync(DbConnection connection, DbCommand insert, JournalRowParameters row, int rowsPerTransaction, TimeSpan duration)
    {
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
                    row.Conversation.Value = conversations[target].Id;
                    row.Seq.Value = ++seqs[target];
                    row.Customer.Value = conversations[target].Customer;
                    row.At.Value = sentAt.ToUnixTimeMilliseconds();
                    row.Key.Value = externalId;
                    row.Body.Value = SqliteBaseline.Body(conversations[target].Customer, externalId, sentAt);
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }

            histogram.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        return ClosedLoop.Summarize(histogram, rows, stop.Elapsed.TotalSeconds);
    }
}
