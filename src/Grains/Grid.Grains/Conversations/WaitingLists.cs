using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>How a unit's events change the conversation's row in the waiting lists (pure).</summary>
internal static class WaitingLists
{
    /// <summary>
    /// The change of <paramref name="rows"/> (an escalation adds or moves the row, a take-up removes it); with
    /// <paramref name="before"/>, the conversation before the unit, a missed deadline re-ranks it in the queue it waits in.
    /// </summary>
    public static WaitingListChange? ChangeFor(string conversationId, string customerId, IReadOnlyList<JournalRow> rows, ConversationState? before = null)
    {
        WaitingListChange? change = null;
        foreach (var row in rows)
        {
            change = row.Event switch
            {
                Escalated e => new WaitingListChange(e.Queue, EntryOf(conversationId, customerId, e)),
                SlaBreached b when before is { Status: ConversationStatus.Queued or ConversationStatus.Offered } => new WaitingListChange(before.Queue,
                    new QueueEntry(conversationId, customerId, before.CurrentChannel, b.Priority, before.WaitingSince ?? b.At, "sla-breached:" + b.Kind, Target(before.Requirements)) { Requirements = Needs(before.Requirements) }),
                Accepted or Resolved or Closed or TakenOver => WaitingListChange.Remove,
                _ => change,
            };
        }

        return change;
    }

    /// <summary>The waiting-list entry of an escalation.</summary>
    public static QueueEntry EntryOf(string conversationId, string customerId, Escalated e) =>
        new(conversationId, customerId, e.Channel, e.Priority, e.At, e.Reason, Target(e.Requirements)) { Requirements = Needs(e.Requirements) };

    /// <summary>The routing requirements besides the named agent (kept apart, in grid_queue_target).</summary>
    private static List<string> Needs(IReadOnlyList<string> requirements) =>
        [.. requirements.Where(r => !r.StartsWith(ConversationDecider.AgentRequirement, StringComparison.Ordinal))];

    /// <summary>The agent a transfer named, from the "agent:&lt;id&gt;" requirement.</summary>
    private static string? Target(IReadOnlyList<string> requirements) =>
        requirements.FirstOrDefault(r => r.StartsWith(ConversationDecider.AgentRequirement, StringComparison.Ordinal))?[ConversationDecider.AgentRequirement.Length..];
}
