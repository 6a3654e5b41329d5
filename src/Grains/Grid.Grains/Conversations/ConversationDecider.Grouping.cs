using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// Agents correcting the grouping (docs/architecture.md, "Grouping"): a conversation merged into another, messages split
/// into a new one. Each side's row is keyed per conversation, so a retried merge or split is journaled once.
/// </summary>
internal static partial class ConversationDecider
{
    /// <summary>The idempotency source of merges and splits journaled in a conversation.</summary>
    private const string GroupingSource = "grouping";

    /// <summary>The actor id prefix of an admin's call ("admin:&lt;integrator&gt;", acting as a supervisor): nobody to be sticky to.</summary>
    public const string AdminActorPrefix = "admin:";

    /// <summary>The source of a merge: the merge, then (unless closed already) its closing with a pointer to the target.</summary>
    public static JournalRow[] MergeInto(ConversationState s, string conversationId, string targetConversationId, Actor actor, DateTimeOffset now)
    {
        if (!s.Exists)
        {
            throw new ConversationRuleException(RuleCodes.NotFound, $"Conversation '{conversationId}' not found.");
        }

        if (s.MergedInto == targetConversationId)
        {
            return []; // a retry
        }

        if (s.MergedInto is { } elsewhere)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {conversationId} was merged into {elsewhere} already; merge {elsewhere} instead.");
        }

        if (s.MergedFrom.Contains(targetConversationId))
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {targetConversationId} was merged into {conversationId}; it cannot take it in turn.");
        }

        var merged = new ConversationsMerged(conversationId, targetConversationId, actor.AgentId) { At = now, Channel = s.CurrentChannel };
        var rows = new List<JournalRow> { new(merged, GroupingSource, $"{conversationId}:merged-into:{targetConversationId}") };
        if (s.Status != ConversationStatus.Closed)
        {
            rows.Add(new(new Closed("merged-into:" + targetConversationId, actor.AgentId) { At = now, Channel = s.CurrentChannel }));
        }

        return [.. rows];
    }

    /// <summary>The target of a merge: the merge, once.</summary>
    public static JournalRow[] MergedFrom(ConversationState s, string conversationId, string sourceConversationId, Actor actor, DateTimeOffset now) =>
        s.MergedFrom.Contains(sourceConversationId)
            ? []
            : [new(new ConversationsMerged(sourceConversationId, conversationId, actor.AgentId) { At = now, Channel = s.CurrentChannel },
                GroupingSource, $"{conversationId}:merged-from:{sourceConversationId}")];

    /// <summary>
    /// The customer messages a split moves: <paramref name="seqs"/> when given, else every one from <paramref name="fromSeq"/>;
    /// each must be one of <paramref name="customerMessages"/> (seq → message) not moved to another conversation, and one
    /// at least must stay.
    /// </summary>
    public static long[] SplitSeqs(ConversationState s, string conversationId, IReadOnlyDictionary<long, CustomerWrote> customerMessages, long fromSeq,
        IReadOnlyList<long> seqs, string targetConversationId)
    {
        // A retry of a split "from a seq" moves what the first attempt moved, not the messages written since.
        var retried = s.MovedOut.Where(m => m.Value == targetConversationId).Select(m => m.Key).Order().ToArray();
        var chosen = seqs.Count > 0 ? seqs.Distinct().Order().ToArray()
            : retried.Length > 0 ? retried
            : customerMessages.Keys.Where(q => q >= fromSeq && !s.MovedOut.ContainsKey(q)).Order().ToArray();
        if (chosen.Length == 0)
        {
            throw new ConversationRuleException(RuleCodes.Invalid,
                $"Conversation {conversationId} has no customer message from seq {fromSeq}: name the customer messages to move (their seq).");
        }

        foreach (var seq in chosen)
        {
            if (!customerMessages.ContainsKey(seq))
            {
                throw new ConversationRuleException(RuleCodes.Invalid, $"Seq {seq} is not a customer message of conversation {conversationId}; only customer messages move.");
            }

            if (s.MovedOut.TryGetValue(seq, out var moved) && moved != targetConversationId)
            {
                throw new ConversationRuleException(RuleCodes.Invalid, $"Seq {seq} of conversation {conversationId} was moved to {moved} already.");
            }
        }

        if (customerMessages.Keys.All(q => chosen.Contains(q) || (s.MovedOut.TryGetValue(q, out var gone) && gone != targetConversationId)))
        {
            throw new ConversationRuleException(RuleCodes.Invalid,
                $"Moving these messages would leave conversation {conversationId} without a customer message: keep one at least (or close it).");
        }

        return chosen;
    }

    /// <summary>
    /// The first unit of a conversation split from another: copies of the moved customer messages (their times kept, no
    /// idempotency key: the originals keep theirs), where they came from, and the escalation to the source's queue with
    /// the splitting agent first (sticky). Nothing when it was started already.
    /// </summary>
    public static JournalRow[] SplitInto(ConversationState s, string conversationId, string sourceConversationId, SplitPlan plan, Actor actor, DateTimeOffset now)
    {
        if (s.SplitFrom == sourceConversationId)
        {
            return [];
        }

        if (s.Exists)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {conversationId} exists already; a split starts a new conversation.");
        }

        var rows = new List<JournalRow>();
        rows.AddRange(plan.Moved.Select(m => new JournalRow(m)));
        var channel = plan.Moved[^1].Channel;
        rows.Add(new(new ConversationSplit(sourceConversationId, conversationId, plan.Seqs, actor.AgentId) { At = now, Channel = channel },
            GroupingSource, $"{conversationId}:split-from:{sourceConversationId}"));
        var requirements = plan.Requirements
            .Where(r => !r.StartsWith(Routing.RoutingRequirements.AgentPrefix, StringComparison.Ordinal) && !r.StartsWith(Routing.RoutingRequirements.StickyPrefix, StringComparison.Ordinal))
            .Concat(actor.AgentId.StartsWith(AdminActorPrefix, StringComparison.Ordinal) ? [] : [Routing.RoutingRequirements.StickyPrefix + actor.AgentId])
            .ToArray();
        rows.Add(new(new Escalated(plan.Queue, "split-from:" + sourceConversationId, plan.Priority, requirements) { At = now, Channel = channel }));
        return [.. rows];
    }

    /// <summary>The source of a split: which messages went where, once.</summary>
    public static JournalRow[] SplitOut(ConversationState s, string conversationId, string targetConversationId, IReadOnlyList<long> seqs, Actor actor, DateTimeOffset now) =>
        seqs.All(q => s.MovedOut.TryGetValue(q, out var to) && to == targetConversationId)
            ? []
            : [new(new ConversationSplit(conversationId, targetConversationId, seqs, actor.AgentId) { At = now, Channel = s.CurrentChannel },
                GroupingSource, $"{conversationId}:split-into:{targetConversationId}")];
}
