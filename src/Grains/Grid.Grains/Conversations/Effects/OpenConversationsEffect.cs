using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Tells the customer (one-way) that one of their conversations closed, so that it leaves the open conversations grouping
/// picks from (docs/architecture.md, "Grouping"). A lost call costs nothing: the customer finds it closed at the next
/// message grouped there and forgets it then.
/// </summary>
internal sealed class OpenConversationsEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        if (unit.View.CustomerId.Length > 0 && unit.Events.Any(e => e.Event is Closed))
        {
            await unit.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(unit.Tenant, unit.View.CustomerId)).ConversationClosedAsync(unit.ConversationId);
        }
    }
}
