using Grid.Conversations.Effects;
using Grid.Conversations.Events;

namespace Grid.Proactive;

/// <summary>
/// Counts an affected customer who wrote in (deflected or escalated) with the incident, once the unit recording the
/// step's facts is durable. One-way: the incident never waits on a conversation.
/// </summary>
internal sealed class IncidentContactEffect : IConversationEffect
{
    public ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            if (e is FactsSet { Step: IncidentStep.StepName } facts
                && facts.Facts.TryGetValue(IncidentStep.IdFact, out var incidentId) && facts.Facts.TryGetValue(IncidentStep.OutcomeFact, out var outcome))
            {
                _ = unit.Grains.GetGrain<IIncidentGrain>(GridKeys.Of(unit.Tenant, incidentId)).ContactedAsync(unit.View.CustomerId, outcome);
            }
        }

        return ValueTask.CompletedTask;
    }
}
