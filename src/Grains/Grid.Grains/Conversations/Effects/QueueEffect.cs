using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>Tells the queue what the waiting-list table already says (it also re-reads it), so offers go out at once.</summary>
internal sealed class QueueEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case Escalated escalated:
                    await unit.Queue(escalated.Queue).EnqueueAsync(
                        WaitingLists.EntryOf(unit.ConversationId, unit.View.CustomerId, escalated));
                    break;
                case SlaBreached breached when unit.StatusBefore is ConversationStatus.Queued or ConversationStatus.Offered:
                    await unit.Queue(unit.View.Queue).EnqueueAsync(
                        new QueueEntry(unit.ConversationId, unit.View.CustomerId, e.Channel, breached.Priority, e.At, "sla-breached:" + breached.Kind));
                    break;
                case Declined declined:
                    await unit.Queue(unit.View.Queue).DeclinedAsync(unit.ConversationId, declined.AgentId);
                    break;
                case Accepted or Resolved or Closed when unit.StatusBefore is ConversationStatus.Queued or ConversationStatus.Offered:
                    await unit.Queue(unit.View.Queue).RemoveAsync(unit.ConversationId);
                    break;
            }
        }
    }
}
