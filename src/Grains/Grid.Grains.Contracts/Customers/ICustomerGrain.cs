namespace Grid;

/// <summary>
/// One customer of a tenant: linked addresses, open conversation, conversation history index.
/// Key: tenant/customerId.
/// </summary>
[Alias("grid.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Threads an inbound message into the customer's conversation <paramref name="threadTo"/> when it is theirs and
    /// open (an email reply), else into their open conversation (or a new one), and returns its acknowledgement once
    /// it is durably stored. A retry with the same idempotency key returns the first acknowledgement; the same key
    /// with another payload throws <see cref="IdempotencyConflictException"/>.
    /// </summary>
    [Alias("ReceiveInboundAsync")]
    Task<InboundAck> ReceiveInboundAsync(InboundMessage message, string? threadTo);

    /// <summary>
    /// Records a channel event that concerns the customer rather than one outbound message (calls, typing) in the
    /// open conversation; returns that conversation's id, or null when the customer has none open.
    /// </summary>
    [Alias("RecordChannelEventAsync")]
    Task<string?> RecordChannelEventAsync(ChannelEvent channelEvent);

    /// <summary>
    /// Puts an incident's push into the customer's most recently active open conversation, or a new one (recorded
    /// before its first append), and returns where it went; a replay returns the original
    /// (<see cref="Proactive.PushResult.Duplicate"/>). A customer merged into another passes it on.
    /// </summary>
    [Alias("PushAsync")]
    Task<Proactive.PushResult> PushAsync(Proactive.ProactivePush push);

    /// <summary>
    /// Puts the customer's answer to an actionable push into their most recently active open conversation, or a new one;
    /// <see cref="Proactive.PushResult.Duplicate"/> when that push was answered before (the answer is then refused as a
    /// second use). A customer merged into another passes it on.
    /// </summary>
    [Alias("AnswerActionAsync")]
    Task<Proactive.PushResult> AnswerActionAsync(Proactive.ActionAnswer answer);

    /// <summary>
    /// Sets the customer's tier (null or empty: none); its meaning is the tenant's escalation policy's. Refused with
    /// <see cref="Escalation.PolicyRuleException"/> (not_found) when the customer does not exist.
    /// </summary>
    [Alias("SetTierAsync")]
    Task SetTierAsync(string? tier);

    /// <summary>
    /// Records the agent who took one of the customer's conversations (sticky routing). One-way: the conversation tells it
    /// after its unit, without waiting (the customer awaits its conversations; the reverse must not wait).
    /// </summary>
    [OneWay]
    [Alias("RecordAgentAsync")]
    Task RecordAgentAsync(string agentId);

    /// <summary>
    /// Creates or updates the customer from its directory record (name, account number, tier, tags); nothing when the
    /// profile is unchanged. A customer merged into another passes it on.
    /// </summary>
    [Alias("ApplyDirectoryAsync")]
    Task ApplyDirectoryAsync(CustomerDirectory.DirectoryProfile profile);

    /// <summary>Removes an address the customer was reached on (an identification undone); nothing when it is not there.</summary>
    [Alias("RemoveAddressAsync")]
    Task RemoveAddressAsync(Channel channel, string address);

    /// <summary>Adds an address the customer is reachable on (linked by an admin); nothing when it is there already.</summary>
    [Alias("AddAddressAsync")]
    Task AddAddressAsync(LinkedAddress address);

    /// <summary>
    /// The customer's profile and conversations; null fields when the customer does not exist. A snapshot that awaits
    /// nothing, so it interleaves with every call: a conversation reading its customer (the context package, the
    /// channels) while the customer waits on that conversation for an inbound message must not deadlock.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<CustomerView?> GetAsync();

    /// <summary>The customer's timeline across conversations and channels, oldest first, after a cursor.</summary>
    [ReadOnly]
    [Alias("ReadTimelineAsync")]
    Task<TimelinePage> ReadTimelineAsync(long afterCursor, int limit);

    /// <summary>
    /// Marks this customer merged into <see cref="CustomerMerge.TargetCustomerId"/> and returns what it hands over. From
    /// then on its messages are passed on to the target and reads say where it went. A retry of the same merge returns
    /// the same; refused (<see cref="Escalation.PolicyRuleException"/>) when the customer does not exist or was merged
    /// into another customer.
    /// </summary>
    [Alias("MarkMergedAsync")]
    Task<MergedCustomer> MarkMergedAsync(CustomerMerge merge);

    /// <summary>
    /// Takes in a customer merged into this one: its addresses, conversations (both histories stay readable here) and,
    /// when this customer has none open, its open conversation. Nothing when that merge was taken in already.
    /// </summary>
    [Alias("AbsorbAsync")]
    Task AbsorbAsync(MergedCustomer merged);

    /// <summary>
    /// A conversation of the customer closed: it leaves the open list grouping picks from (docs/architecture.md,
    /// "Grouping"). One-way: the conversation tells it after its unit (the customer awaits its conversations).
    /// </summary>
    [OneWay]
    [Alias("ConversationClosedAsync")]
    Task ConversationClosedAsync(string conversationId);

    /// <summary>
    /// An agent merged <paramref name="conversationId"/> into <paramref name="intoConversationId"/>: messages threaded to
    /// the first go to the second, whose grouping summary takes in the first's. False when either is not this
    /// customer's; a retry changes nothing.
    /// </summary>
    [Alias("ConversationMergedAsync")]
    Task<bool> ConversationMergedAsync(string conversationId, string intoConversationId);

    /// <summary>
    /// GDPR erasure: deletes the customer's stored state (its row) and deactivates, so neither memory nor a later write of
    /// this activation brings it back. Nothing when the customer does not exist.
    /// </summary>
    [Alias("ForgetAsync")]
    Task ForgetAsync();

    /// <summary>
    /// Retention purged these conversations: they leave the customer's lists (conversations, open ones, merges). Nothing
    /// for ids it does not hold.
    /// </summary>
    [Alias("ForgetConversationsAsync")]
    Task ForgetConversationsAsync(IReadOnlyList<string> conversationIds);

    /// <summary>
    /// An agent split messages of <paramref name="conversationId"/> into the new <paramref name="newConversationId"/>
    /// (recorded before its first append): the moved emails' Message-IDs and references now group there. False when the
    /// conversation is not this customer's; a retry changes nothing.
    /// </summary>
    [Alias("ConversationSplitAsync")]
    Task<bool> ConversationSplitAsync(string conversationId, string newConversationId, IReadOnlyList<string> movedMessageIds, IReadOnlyList<string> movedReferences,
        string? subject);
}
