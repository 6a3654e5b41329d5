namespace Grid.Edge.Agents;

/// <summary>What the server calls on an agent's SignalR client.</summary>
public interface IAgentClient
{
    /// <summary>A conversation is offered: accept or decline it before the offer times out.</summary>
    Task ReceiveOffer(OfferDto offer);

    /// <summary>An offer was withdrawn (timed out, or given to someone else).</summary>
    Task OfferWithdrawn(string conversationId, string offerId);

    /// <summary>A new journal entry of a conversation the agent handles (customer message, reply, receipt).</summary>
    Task ReceiveEntry(EntryDto entry);

    /// <summary>A conversation's state changed.</summary>
    Task ConversationUpdated(ConversationDto conversation);

    /// <summary>The customer is typing.</summary>
    Task CustomerTyping(string conversationId);

    /// <summary>The agent's presence or load changed.</summary>
    Task PresenceChanged(AgentDto agent);

    /// <summary>
    /// Something needs attention: a missed service-level deadline ("sla-breached:first-response", sent to the tenant's
    /// supervisors and the agent holding it) or a booked callback that fell due ("callback-due").
    /// </summary>
    Task Alert(AlertDto alert);
}
