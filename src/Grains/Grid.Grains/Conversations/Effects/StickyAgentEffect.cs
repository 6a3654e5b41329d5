using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Tells the customer which agent took their conversation (one-way), so that routing offers their next conversation to
/// that agent first (sticky routing, see docs/architecture.md "Routing").
/// </summary>
internal sealed class StickyAgentEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            if (e is Accepted accepted && unit.View.CustomerId.Length > 0)
            {
                await unit.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(unit.Tenant, unit.View.CustomerId)).RecordAgentAsync(accepted.AgentId);
            }
        }
    }
}
