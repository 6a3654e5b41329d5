namespace Grid;

/// <summary>
/// One conversation: its state machine (DESIGN §4), participants and current channel. The history lives in
/// the journal table, not in this grain's state: the grain keeps only the head (last sequence number).
/// Key: tenant/conversationId.
/// </summary>
[Alias("grid.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Durably appends a customer's message and runs the inbound pipeline (routing, later bot and triage).
    /// Returns <see cref="AppendOutcome.Closed"/> without storing anything when the conversation is closed.
    /// </summary>
    [Alias("AppendInboundAsync")]
    Task<AppendResult> AppendInboundAsync(InboundMessage message, string customerId);

    /// <summary>The conversation's current view.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<ConversationView> GetAsync();

    /// <summary>Returns true when the conversation has ever received a message (it exists).</summary>
    [ReadOnly]
    [Alias("ExistsAsync")]
    Task<bool> ExistsAsync();

    /// <summary>Journal entries after <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    [Alias("ReadAsync")]
    Task<MessagePage> ReadAsync(long afterSeq, int limit);

    /// <summary>Called by the queue: offers this conversation to an agent (replaces any earlier offer).</summary>
    [Alias("OfferAsync")]
    Task OfferAsync(string agentId, string offerId);

    /// <summary>Called by the queue when an offer timed out.</summary>
    [Alias("OfferExpiredAsync")]
    Task OfferExpiredAsync(string agentId, string offerId);

    /// <summary>An agent accepts the offer made to them.</summary>
    [Alias("AcceptAsync")]
    Task<ConversationView> AcceptAsync(string agentId);

    /// <summary>An agent declines the offer made to them; the conversation goes back to the queue.</summary>
    [Alias("DeclineAsync")]
    Task DeclineAsync(string agentId);

    /// <summary>
    /// The assigned agent replies; the reply is journaled and put in the outbox of the customer's current channel
    /// in one transaction. <paramref name="clientMessageId"/> makes the call safe to retry.
    /// </summary>
    [Alias("ReplyAsync")]
    Task<long> ReplyAsync(string agentId, string clientMessageId, string text);

    /// <summary>The assigned agent resolves the conversation.</summary>
    [Alias("ResolveAsync")]
    Task ResolveAsync(string agentId, string? reason);

    /// <summary>Records a channel event (delivery receipt, call, typing) reported by an integrator.</summary>
    [Alias("RecordChannelEventAsync")]
    Task RecordChannelEventAsync(ChannelEvent channelEvent);
}
