namespace Grid;

/// <summary>
/// The grid's entry for integrators' posts, one call per post: resolves the sender's identity (keyed hash of the
/// normalised address, computed here so edges hold no hash key), threads the message (email headers first, then the
/// customer's open conversation) and returns once it is durable. A stateless worker: it runs on the silo that
/// received the call. Key: the tenant.
/// </summary>
[Alias("grid.IIngestGrain")]
public interface IIngestGrain : IGrainWithStringKey
{
    /// <summary>Stores a customer's message and returns its acknowledgement (see <see cref="ICustomerGrain.ReceiveInboundAsync"/>).</summary>
    [Alias("PostInboundAsync")]
    Task<InboundAck> PostInboundAsync(InboundMessage message);

    /// <summary>
    /// Records a call or typing event of a customer (by sender address) in their open conversation; returns its id,
    /// or null when the address is unknown or the customer has no open conversation.
    /// </summary>
    [Alias("PostCustomerEventAsync")]
    Task<string?> PostCustomerEventAsync(ChannelEvent channelEvent);

    /// <summary>
    /// The open conversation of the customer an address belongs to (following merges), or null when the address was
    /// never seen or its customer has none open. Reads only (the web chat's history on a visitor's return).
    /// </summary>
    [Alias("FindOpenConversationAsync")]
    Task<string?> FindOpenConversationAsync(string tenant, Channel channel, string address);

    /// <summary>
    /// An admin links an address to an existing customer (who proved who they are): their next message from it joins
    /// the customer's open conversation. An address that belongs to another customer merges that customer into this one
    /// (see <see cref="MergeCustomersAsync"/>). Refused (<see cref="Escalation.PolicyRuleException"/>) for an unknown customer.
    /// </summary>
    [Alias("LinkAddressAsync")]
    Task LinkAddressAsync(string tenant, string customerId, Channel channel, string address, string integrator);

    /// <summary>
    /// Merges customer <paramref name="sourceCustomerId"/> into <paramref name="targetCustomerId"/> (docs/architecture.md,
    /// "Channel switches"): the source's addresses move to the target, the target lists the source's conversations
    /// (both histories kept), the source says where it went and passes its messages on, and the merge is recorded on
    /// both customers and journaled in their open conversations. <paramref name="by"/> says who asked. A retry returns
    /// the first merge's record. Refused (<see cref="Escalation.PolicyRuleException"/>): a customer into itself, an
    /// unknown customer (not_found), a target merged into another customer, a source merged into another one.
    /// </summary>
    [Alias("MergeCustomersAsync")]
    Task<CustomerMerge> MergeCustomersAsync(string tenant, string sourceCustomerId, string targetCustomerId, string by, string reason);

    /// <summary>
    /// The agent holding a conversation (or a supervisor) links an address to its customer, who proved who they are:
    /// like <see cref="LinkAddressAsync"/>, journaled in the conversation. Returns the customer merged into the
    /// conversation's customer when the address was theirs, else null. Refusals are <see cref="ConversationRuleException"/>.
    /// </summary>
    [Alias("LinkAddressForAgentAsync")]
    Task<string?> LinkAddressForAgentAsync(string tenant, string conversationId, Actor actor, Channel channel, string address);

    /// <summary>
    /// The agent holding a conversation (or a supervisor) merges another customer into the conversation's customer (see
    /// <see cref="MergeCustomersAsync"/>). Refusals are <see cref="ConversationRuleException"/>.
    /// </summary>
    [Alias("MergeForAgentAsync")]
    Task<CustomerMerge> MergeForAgentAsync(string tenant, string conversationId, Actor actor, string otherCustomerId);

    /// <summary>
    /// Makes a directory contact's address resolve to its customer (an import): links an address nobody holds; an address
    /// held by a customer Grid created from messages merges that customer into this one (reason "directory-contact"); an
    /// address held by another directory customer moves (the contact changed company). Returns what happened:
    /// "linked", "merged", "moved" or "unchanged".
    /// </summary>
    [Alias("ClaimAddressAsync")]
    Task<string> ClaimAddressAsync(string tenant, string customerId, Channel channel, string address);

    /// <summary>
    /// Undoes a link: the address no longer resolves to <paramref name="customerId"/> (its next message starts a new
    /// customer) and leaves that customer's addresses. NOT_FOUND (PolicyRuleException) when the address is not that
    /// customer's. Journaled on the customer's open conversation when there is one.
    /// </summary>
    [Alias("UnlinkAddressAsync")]
    Task UnlinkAddressAsync(string tenant, string customerId, Channel channel, string address, string by);

    /// <summary>
    /// An agent confirms the suggested identification of a conversation's customer: that customer (created from the
    /// messages) is merged into <paramref name="directoryCustomerId"/> (reason "identified-by-agent").
    /// </summary>
    [Alias("ConfirmIdentificationAsync")]
    Task<CustomerMerge> ConfirmIdentificationAsync(string tenant, string conversationId, Actor actor, string directoryCustomerId);

    /// <summary>
    /// The agent holding a conversation (or a supervisor) undoes a link of an address to the conversation's customer (an
    /// identification that was wrong), as <see cref="UnlinkAddressAsync"/>.
    /// </summary>
    [Alias("UnlinkForAgentAsync")]
    Task UnlinkForAgentAsync(string tenant, string conversationId, Actor actor, Channel channel, string address);

    /// <summary>
    /// The agent holding a conversation (or a supervisor) merges another conversation of the same customer into it
    /// (docs/architecture.md, "Grouping"): journaled in both, the other closed with a pointer to this one (where messages
    /// threaded to it go from then on), its entries part of this one's history. A retry changes nothing more. Refusals
    /// are <see cref="ConversationRuleException"/>: not the holder, an unknown conversation, another customer's, itself.
    /// </summary>
    [Alias("MergeConversationsAsync")]
    Task<ConversationView> MergeConversationsAsync(string tenant, string conversationId, string otherConversationId, Actor actor);

    /// <summary>
    /// The agent holding a conversation (or a supervisor) moves customer messages of it (<paramref name="seqs"/>; empty:
    /// every one from <paramref name="fromSeq"/>) into a new conversation of the same customer, journaled in both; the new
    /// one waits in the same queue, offered to that agent first. The same request again returns the same split.
    /// Refusals are <see cref="ConversationRuleException"/>.
    /// </summary>
    [Alias("SplitConversationAsync")]
    Task<ConversationSplitResult> SplitConversationAsync(string tenant, string conversationId, Actor actor, long fromSeq, IReadOnlyList<long> seqs);
}
