using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Alerts people to what time brought (docs/architecture.md, "Time"): a missed service-level deadline goes to the
/// tenant's supervisors and to the agent holding the conversation; a callback that falls due while an agent holds the
/// conversation goes to that agent (otherwise the callback's escalation offers it). Alerts are hints; the journal
/// holds the breach.
/// </summary>
internal sealed class AlertEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case SlaBreached breached:
                    var alert = Alert(unit, "sla-breached:" + breached.Kind);
                    await unit.Grains.GetGrain<ISupervisorsGrain>(unit.Tenant).AlertAsync(alert);
                    if (unit.View.AssignedAgent is { } holder)
                    {
                        await unit.Agent(holder).PushAsync(alert);
                    }

                    break;
                case CallbackDue when unit.View.AssignedAgent is { } agent:
                    await unit.Agent(agent).PushAsync(Alert(unit, "callback-due"));
                    break;
            }
        }
    }

    private static AgentEvent Alert(CommittedUnit unit, string detail) =>
        new(AgentEventKind.Alert, unit.ConversationId, null, unit.View, null, null) { Detail = detail };
}
