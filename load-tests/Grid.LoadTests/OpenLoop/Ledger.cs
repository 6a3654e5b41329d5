using System.Collections.Concurrent;
using Grid.Protos.V1;
using Grpc.Core;

namespace Grid.LoadTests.OpenLoop;

using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>One acknowledged message: where Grid says it stored it, and when it was scheduled to be sent.</summary>
public readonly record struct Ack(string ConversationId, long Seq, long Due);

/// <summary>What reading back every acknowledged message found.</summary>
public sealed record Verification(long Acknowledged, long Found, long Missing, long Duplicated, long WrongSeq, int Conversations, IReadOnlyList<string> Examples)
{
    public bool Passed => Missing == 0 && Duplicated == 0 && WrongSeq == 0;

    public override string ToString() =>
        $"{Acknowledged} acknowledged in {Conversations} conversations: {Found} found once, {Missing} missing, {Duplicated} duplicated, {WrongSeq} at another seq"
        + (Examples.Count > 0 ? " (e.g. " + string.Join("; ", Examples) + ")" : "");
}

/// <summary>
/// Every message Grid acknowledged in a run (external id → conversation, seq, scheduled time). At the end each
/// conversation's journal is read back over <c>ReadService.ListMessages</c>: every acknowledged external id must be
/// there exactly once, at the acknowledged seq.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, Ack> acks = new(StringComparer.Ordinal);

    public int Count => acks.Count;

    public IEnumerable<KeyValuePair<string, Ack>> Entries => acks;

    /// <summary>Records an acknowledgement; a duplicate answer (a retry of an id already stored) keeps the first.</summary>
    public void Record(string externalId, PostInboundResponse answer, long due) =>
        acks.TryAdd(externalId, new Ack(answer.ConversationId, answer.Seq, due));

    public async Task<Verification> VerifyAsync(Targets targets, int parallel = 8)
    {
        var byConversation = acks.GroupBy(a => a.Value.ConversationId, StringComparer.Ordinal).ToArray();
        long found = 0, missing = 0, duplicated = 0, wrongSeq = 0;
        var examples = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(byConversation, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (group, ct) =>
        {
            var stored = new Dictionary<string, List<long>>(StringComparer.Ordinal);
            long after = 0;
            while (true)
            {
                var page = await ReadPageAsync(targets, group.Key, after, ct);
                foreach (var entry in page.Entries.Where(e => e.Kind == EntryKind.CustomerMessage && e.ExternalId.Length > 0))
                {
                    if (!stored.TryGetValue(entry.ExternalId, out var seqs))
                    {
                        stored[entry.ExternalId] = seqs = [];
                    }

                    seqs.Add(entry.Seq);
                }

                if (!page.HasMore)
                {
                    break;
                }

                after = page.NextAfterSeq;
            }

            foreach (var (externalId, ack) in group)
            {
                var seqs = stored.GetValueOrDefault(externalId);
                var problem = seqs switch
                {
                    null => Interlocked.Increment(ref missing) > 0 ? "missing" : null,
                    { Count: > 1 } => Interlocked.Increment(ref duplicated) > 0 ? $"stored {seqs.Count} times" : null,
                    _ when seqs[0] != ack.Seq => Interlocked.Increment(ref wrongSeq) > 0 ? $"at seq {seqs[0]}, acknowledged {ack.Seq}" : null,
                    _ => null,
                };
                if (problem is null)
                {
                    Interlocked.Increment(ref found);
                }
                else if (examples.Count < 5)
                {
                    examples.Enqueue($"{externalId} in {group.Key}: {problem}");
                }
            }
        });
        return new Verification(acks.Count, found, missing, duplicated, wrongSeq, byConversation.Length, [.. examples]);
    }

    private static async Task<ListMessagesResponse> ReadPageAsync(Targets targets, string conversationId, long after, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await targets.Read().ListMessagesAsync(
                    new ListMessagesRequest { ConversationId = conversationId, AfterSeq = after, Limit = 500 }, targets.Headers, cancellationToken: ct);
            }
            catch (RpcException ex) when (attempt < 5 && ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(200 * attempt, ct);
            }
        }
    }
}
