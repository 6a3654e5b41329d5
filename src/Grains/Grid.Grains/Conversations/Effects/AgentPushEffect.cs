using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Pushes live hints to agents' connections: offers (with their deadline in the view), withdrawn offers, new entries
/// (internal notes included) to the assigned agent and the people working with them (consultants, supervisors who
/// joined), and changes of hands (resolution, transfer, hand-back, invitation, take-over) to whoever they concern.
/// Supervisors silently watching get the new entries and, once per unit that changes the status or the assigned agent,
/// the conversation. Hints may be lost; clients resync from the journal.
/// </summary>
internal sealed class AgentPushEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        var audience = Audience(unit);
        var watchers = (unit.Watchers ?? []).Where(w => !audience.Contains(w)).ToList();
        foreach (var (seq, e) in unit.Events)
        {
            switch (e)
            {
                case Offered offered:
                    await unit.Agent(offered.AgentId).PushAsync(new AgentEvent(AgentEventKind.Offer, unit.ConversationId, null, unit.View, offered.OfferId, null));
                    break;
                case OfferWithdrawn withdrawn:
                    await Withdraw(unit, withdrawn.AgentId, withdrawn.OfferId);
                    break;
                case OfferExpired expired:
                    await Withdraw(unit, expired.AgentId, expired.OfferId);
                    break;
                case Resolved { AgentId: { } agent }:
                    await Updated(unit, agent);
                    break;
                case Resolved when unit.AssignedBefore is { } holder:
                    await Updated(unit, holder);
                    break;
                case Transferred or HandedBack or Closed when unit.AssignedBefore is { } holder:
                    await Updated(unit, holder);
                    break;
                case ParticipantJoined joined:
                    await Updated(unit, joined.AgentId);
                    break;
                case TakenOver takenOver:
                    await Updated(unit, takenOver.SupervisorId);
                    if (takenOver.FromAgent is { } from)
                    {
                        await Updated(unit, from);
                    }

                    break;
                case CustomerWrote or AgentReplied or BotAnswered or CustomerNotified or ChannelEventRecorded or NoteAdded or AddressLinked or CustomersMerged
                    or SenderJoined or ConversationsMerged or ConversationSplit:
                    var entry = JournalEntries.From(unit.ConversationId, seq, e);
                    foreach (var agent in audience.Concat(watchers))
                    {
                        await unit.Agent(agent).PushAsync(new AgentEvent(AgentEventKind.Message, unit.ConversationId, entry, null, null, null));
                    }

                    break;
            }
        }

        if (watchers.Count > 0 && (unit.View.Status != unit.StatusBefore || unit.View.AssignedAgent != unit.AssignedBefore))
        {
            foreach (var watcher in watchers)
            {
                await Updated(unit, watcher);
            }
        }
    }

    /// <summary>The assigned agent and the collaborators, as of after the unit (or before it, for a unit that ended their work).</summary>
    private static List<string> Audience(CommittedUnit unit)
    {
        var agents = new List<string>();
        if ((unit.View.AssignedAgent ?? unit.AssignedBefore) is { } assigned)
        {
            agents.Add(assigned);
        }

        foreach (var collaborator in unit.View.Collaborators.Count > 0 ? unit.View.Collaborators : unit.CollaboratorsBefore ?? [])
        {
            if (!agents.Contains(collaborator))
            {
                agents.Add(collaborator);
            }
        }

        return agents;
    }

    private static Task Updated(CommittedUnit unit, string agentId) =>
        unit.Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.ConversationUpdated, unit.ConversationId, null, unit.View, null, null));

    private static Task Withdraw(CommittedUnit unit, string agentId, string offerId) =>
        unit.Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.OfferWithdrawn, unit.ConversationId, null, null, offerId, null));
}
