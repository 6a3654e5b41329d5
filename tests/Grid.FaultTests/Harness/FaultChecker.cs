using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.FaultTests.Harness;

using Entry = Grid.Protos.V1.Entry;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>A journal row of the load as the database holds it: its idempotency key, conversation and sequence number.</summary>
public sealed record StoredKey(string Key, string ConversationId, long Seq);

/// <summary>
/// Compares what the grid acknowledged to the load with what it stores: every conversation read back over the real
/// ReadService (all pages), and the journal's rows read with SQL. Counts:
/// <list type="bullet">
/// <item>lost: an acknowledged message not stored at the sequence number it was acknowledged with, with its text;</item>
/// <item>duplicated: a message of the load stored more than once (by external id, in the read-back and in SQL);</item>
/// <item>out of order: a customer's message stored before one the customer sent earlier;</item>
/// <item>gaps: sequence numbers missing from a conversation's 1..n;</item>
/// <item>unacknowledged: messages stored but never acknowledged, or never acknowledged at all.</item>
/// </list>
/// </summary>
public static class FaultChecker
{
    public static async Task<FaultReport> CheckAsync(
        string scenario, FaultLoad load, IReadOnlyList<IntegratorClient> readers, Func<Task<IReadOnlyList<StoredKey>>>? storedKeys)
    {
        var acked = load.Acks.ToList();
        var lost = 0;
        var duplicated = 0;
        var outOfOrder = 0;
        var gaps = 0;
        var phantom = 0;
        var problems = new List<string>();
        var ackedIds = acked.Select(a => a.ExternalId).ToHashSet();

        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, List<Entry>>();
        await Parallel.ForEachAsync(acked.Select(a => a.ConversationId).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (conversation, _) => read[conversation] = await ReadAllAsync(readers, conversation));

        foreach (var (conversation, entries) in read)
        {
            var seqs = entries.Select(e => e.Seq).ToList();
            var max = seqs.Count == 0 ? 0 : seqs.Max();
            var missing = max - seqs.Distinct().Count();
            if (missing > 0 || seqs.Count != seqs.Distinct().Count())
            {
                gaps += (int)Math.Max(missing, 0);
                problems.Add($"{conversation}: seqs {string.Join(',', seqs)} are not 1..{max}");
            }
        }

        var stored = read.Values.SelectMany(e => e)
            .Where(e => e.Kind == EntryKind.CustomerMessage && e.ExternalId.StartsWith(load.Prefix, StringComparison.Ordinal))
            .ToList();
        foreach (var copies in stored.GroupBy(e => e.ExternalId).Where(g => g.Count() > 1))
        {
            duplicated += copies.Count() - 1;
            problems.Add($"{copies.Key} stored {copies.Count()} times");
        }

        phantom += stored.Select(e => e.ExternalId).Distinct().Count(id => !ackedIds.Contains(id));
        var bySeq = read.ToDictionary(r => r.Key, r => r.Value.GroupBy(e => e.Seq).ToDictionary(g => g.Key, g => g.First()));
        foreach (var ack in acked.GroupBy(a => a.ExternalId).Select(g => g.First()))
        {
            if (!bySeq[ack.ConversationId].TryGetValue(ack.Seq, out var entry) || entry.ExternalId != ack.ExternalId || entry.Text != ack.Text)
            {
                lost++;
                problems.Add($"{ack.ExternalId} acknowledged as {ack.ConversationId}#{ack.Seq} is not stored there");
            }
        }

        foreach (var customer in acked.GroupBy(a => a.Sender))
        {
            var inOrder = customer.OrderBy(a => a.Index).ToList();
            for (var i = 1; i < inOrder.Count; i++)
            {
                if (inOrder[i].ConversationId == inOrder[i - 1].ConversationId && inOrder[i].Seq <= inOrder[i - 1].Seq)
                {
                    outOfOrder++;
                    problems.Add($"{inOrder[i].ExternalId} stored at #{inOrder[i].Seq}, before {inOrder[i - 1].ExternalId} at #{inOrder[i - 1].Seq}");
                }
            }
        }

        int? sqlRows = null;
        if (storedKeys is not null)
        {
            var rows = (await storedKeys()).Where(r => r.Key.StartsWith(load.Prefix, StringComparison.Ordinal)).ToList();
            sqlRows = rows.Count;
            var sqlDuplicates = rows.GroupBy(r => r.Key).Sum(g => g.Count() - 1);
            duplicated = Math.Max(duplicated, sqlDuplicates);
            var byKey = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First());
            foreach (var ack in acked.GroupBy(a => a.ExternalId).Select(g => g.First()))
            {
                if (!byKey.TryGetValue(ack.ExternalId, out var row) || row.ConversationId != ack.ConversationId || row.Seq != ack.Seq)
                {
                    lost++;
                    problems.Add($"{ack.ExternalId}: no journal row at {ack.ConversationId}#{ack.Seq} in SQL");
                }
            }

            phantom += byKey.Keys.Count(k => !ackedIds.Contains(k));
        }

        return new FaultReport(scenario, load, acked.Select(a => a.ExternalId).Distinct().Count(), read.Count, stored.Count, sqlRows,
            lost, duplicated, outOfOrder, gaps, phantom + load.Unacknowledged.Count, problems);
    }

    /// <summary>A conversation's every entry, retried through the next reader while the cluster answers UNAVAILABLE.</summary>
    private static async Task<List<Entry>> ReadAllAsync(IReadOnlyList<IntegratorClient> readers, string conversation)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await readers[attempt % readers.Count].ListAllAsync(conversation, pageSize: 200);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
