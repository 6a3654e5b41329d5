using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>How a unit's events change the conversation's row in the waiting lists (pure).</summary>
internal static class WaitingLists
{
    public static WaitingListChange? ChangeFor(string conversationId, string customerId, IReadOnlyList<JournalRow> rows)
    {
        WaitingListChange? change = null;
        foreach (var row in rows)
        {
            change = row.Event switch
            {
                Escalated e => new WaitingListChange(e.Queue, new QueueEntry(conversationId, customerId, e.Channel, e.Priority, e.At, e.Reason,
                    e.Requirements.FirstOrDefault(r => r.StartsWith(ConversationDecider.AgentRequirement, StringComparison.Ordinal))?[ConversationDecider.AgentRequirement.Length..])),
                Accepted or Resolved or Closed or TakenOver => WaitingListChange.Remove,
                _ => change,
            };
        }

        return change;
    }
}
