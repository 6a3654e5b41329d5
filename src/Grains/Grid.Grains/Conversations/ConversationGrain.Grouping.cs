using Grid.Conversations.Events;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Conversations;

/// <summary>
/// Agents correcting the grouping (docs/architecture.md, "Grouping"): merging this conversation into another or another
/// into this one, splitting messages out into a new one. The ingest grain orchestrates; each step here is idempotent.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>How many entries of each conversation merged into this one its first history page carries.</summary>
    private const int MergedHistory = 500;

    public async Task MergeIntoAsync(string targetConversationId, Actor actor)
    {
        var rows = ConversationDecider.MergeInto(S, conversationId, targetConversationId, actor, clock.GetUtcNow());
        if (rows.Length == 0)
        {
            return;
        }

        await CommitAsync(rows);
        logger.LogInformation("Conversation {ConversationId} merged into {TargetConversationId} by agent {AgentId}", conversationId, targetConversationId, actor.AgentId);
    }

    public Task<ConversationCustomer> GetCustomerForRegroupAsync(Actor actor, string action)
    {
        EnsureVisible(actor);
        ConversationAccess.EnsureMayRegroup(S, actor, conversationId, action);
        return Task.FromResult(new ConversationCustomer(S.CustomerId, S.ReplyTo?.Integrator));
    }

    public async Task RecordMergedFromAsync(string sourceConversationId, Actor actor) =>
        await CommitAsync(ConversationDecider.MergedFrom(S, conversationId, sourceConversationId, actor, clock.GetUtcNow()));

    public async Task<SplitPlan> PlanSplitAsync(Actor actor, long fromSeq, IReadOnlyList<long> seqs, string targetConversationId)
    {
        EnsureVisible(actor);
        ConversationAccess.EnsureMayRegroup(S, actor, conversationId, "split it");
        var messages = new Dictionary<long, CustomerWrote>();
        long after = 0;
        EventPage page;
        do
        {
            page = await journal.ReadAsync(tenant, conversationId, after, 500);
            foreach (var stored in page.Events)
            {
                if (stored.Event is CustomerWrote wrote)
                {
                    messages[stored.Seq] = wrote;
                }
            }

            after = page.Next;
        }
        while (page.HasMore);

        var chosen = ConversationDecider.SplitSeqs(S, conversationId, messages, fromSeq, seqs, targetConversationId);
        var kept = messages.Where(m => !chosen.Contains(m.Key) && !S.MovedOut.ContainsKey(m.Key))
            .Select(m => m.Value.Email?.Subject is { Length: > 0 } subject ? subject + "\n" + m.Value.Text : m.Value.Text);
        return new SplitPlan(S.CustomerId, chosen, [.. chosen.Select(q => messages[q])], [.. kept], S.Queue, S.Priority, [.. S.Requirements]);
    }

    public async Task ReceiveSplitAsync(string sourceConversationId, SplitPlan plan, Actor actor)
    {
        var rows = ConversationDecider.SplitInto(S, conversationId, sourceConversationId, plan, actor, clock.GetUtcNow());
        if (rows.Length == 0)
        {
            return;
        }

        await CommitAsync(rows);
        logger.LogInformation("Conversation {ConversationId} split from {SourceConversationId} by agent {AgentId}", conversationId, sourceConversationId, actor.AgentId);
    }

    public async Task RecordSplitAsync(string targetConversationId, IReadOnlyList<long> seqs, Actor actor) =>
        await CommitAsync(ConversationDecider.SplitOut(S, conversationId, targetConversationId, seqs, actor, clock.GetUtcNow()));

    /// <summary>The entries of the conversations merged into this one, oldest conversation first (each up to <see cref="MergedHistory"/>).</summary>
    private async Task<List<JournalEntry>> MergedEntriesAsync(Func<ConversationEvent, bool> keep)
    {
        var entries = new List<JournalEntry>();
        foreach (var source in S.MergedFrom)
        {
            var page = await journal.ReadAsync(tenant, source, 0, MergedHistory);
            entries.AddRange(page.Events.Where(e => keep(e.Event)).Select(e => JournalEntries.From(source, e.Seq, e.Event)));
        }

        return entries;
    }
}
