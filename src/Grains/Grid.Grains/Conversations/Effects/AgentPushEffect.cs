using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Pushes live hints to agents' connections: offers (with their deadline in the view), withdrawn offers, new entries
/// of a conversation they hold, the resolution. Hints may be lost; clients resync from the journal.
/// </summary>
internal sealed class AgentPushEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
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
                    await unit.Agent(agent).PushAsync(new AgentEvent(AgentEventKind.ConversationUpdated, unit.ConversationId, null, unit.View, null, null));
                    break;
                case CustomerWrote or AgentReplied or BotAnswered or CustomerNotified or ChannelEventRecorded when unit.View.AssignedAgent is { } assigned:
                    var entry = JournalEntries.From(unit.ConversationId, seq, e);
                    await unit.Agent(assigned).PushAsync(new AgentEvent(AgentEventKind.Message, unit.ConversationId, entry, null, null, null));
                    break;
            }
        }
    }

    private static Task Withdraw(CommittedUnit unit, string agentId, string offerId) =>
        unit.Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.OfferWithdrawn, unit.ConversationId, null, null, offerId, null));
}
