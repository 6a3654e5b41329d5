namespace Grid.Conversations.Effects;

/// <summary>Hints the outboxes that rows were committed (edges also poll, so a lost hint only delays).</summary>
internal sealed class OutboxHintEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var group in unit.Outbound.GroupBy(o => o.Integrator, StringComparer.Ordinal))
        {
            await unit.Grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(unit.Tenant, group.Key)).NotifyAsync([.. group.Select(o => o.Message)]);
        }
    }
}
