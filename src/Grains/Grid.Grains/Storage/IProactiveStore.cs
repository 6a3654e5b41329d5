using Grid.CustomerDirectory;
using Grid.Proactive;

namespace Grid.Storage;

/// <summary>
/// Proactive pushes' tables (docs/architecture.md, "Proactive pushes"): the customer tag index that resolves audiences
/// (grid_customer_tag, also written by directory imports), each incident's deliveries, one row per message and customer
/// (grid_incident_delivery: the fan-out's record, its progress counts and its deferred pushes), and the customers who
/// wrote in during an incident (grid_incident_contact).
/// </summary>
internal interface IProactiveStore
{
    /// <summary>Sets tags (key → value, empty for a bare key) and removes others by key, in one transaction.</summary>
    Task SetTagsAsync(string tenant, string customerId, IReadOnlyDictionary<string, string> set, IReadOnlyCollection<string> removeKeys);

    /// <summary>A customer's tags, key → value.</summary>
    Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string tenant, string customerId);

    /// <summary>The audience's customers after <paramref name="after"/> by id, at most <paramref name="limit"/>; through the index.</summary>
    Task<IReadOnlyList<string>> ResolveAsync(string tenant, Audience audience, string after, int limit);

    /// <summary>How many customers the audience holds.</summary>
    Task<int> CountAsync(string tenant, Audience audience);

    /// <summary>The directory records of these customers (those in the directory).</summary>
    Task<IReadOnlyDictionary<string, DirectoryCustomer>> ReadCustomersAsync(string tenant, IReadOnlyCollection<string> customerIds);

    /// <summary>Writes deliveries (one per message and customer, replaced), in one transaction.</summary>
    Task WriteDeliveriesAsync(string tenant, string incidentId, IReadOnlyList<PushDelivery> deliveries, DateTimeOffset now);

    Task<PushDelivery?> GetDeliveryAsync(string tenant, string incidentId, int messageNo, string customerId);

    /// <summary>Moves a delivery of <paramref name="outboundId"/> to <paramref name="state"/> when it is in one of <paramref name="from"/>; true when it moved.</summary>
    Task<bool> AdvanceAsync(string tenant, string incidentId, int messageNo, string customerId, string outboundId, string state, IReadOnlyCollection<string> from, DateTimeOffset now);

    /// <summary>Deferred deliveries due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<PushDelivery>> DueAsync(string tenant, string incidentId, DateTimeOffset now, int limit);

    /// <summary>The earliest time a deferred delivery of the incident falls due, if any.</summary>
    Task<DateTimeOffset?> NextDueAsync(string tenant, string incidentId);

    /// <summary>
    /// Writes a batch of deliveries with the outbox rows of their sends in ONE transaction (one unit, thousands of rows).
    /// With <paramref name="replace"/> false (a fan-out batch), a delivery already recorded is kept as it is and its
    /// push is not written again, so a batch redone after a crash inserts nothing twice even when its plan changed; with
    /// true (a deferred push falling due, a failover) the delivery is replaced and its new push written. A push's row
    /// goes in insert-or-ignore on the outbox's unique (tenant, outbound_id), with its pending link
    /// (grid_incident_link). Returns the outbox rows inserted, with their cursors.
    /// </summary>
    Task<IReadOnlyList<OutboxRow>> WriteBatchAsync(string tenant, string incidentId, IReadOnlyList<PlannedDelivery> deliveries, bool replace, DateTimeOffset now);

    /// <summary>Pushes of the incident written to the outbox and not yet in a conversation, by customer, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingLink>> PendingLinksAsync(string tenant, string incidentId, int limit);

    /// <summary>A customer's pushes (of any incident) written to the outbox and not yet in a conversation, oldest first.</summary>
    Task<IReadOnlyList<PendingLink>> PendingLinksOfAsync(string tenant, string customerId);

    /// <summary>Whether any push of the tenant waits to be linked (one indexed probe).</summary>
    Task<bool> HasPendingLinksAsync(string tenant);

    /// <summary>Records pushes as linked: their link rows go, and their outbox rows name the conversation and sequence number.</summary>
    Task LinkedAsync(string tenant, IReadOnlyList<LinkedPush> links);

    /// <summary>Counts by message, state and reason.</summary>
    Task<IReadOnlyList<DeliveryCount>> CountDeliveriesAsync(string tenant, string incidentId);

    /// <summary>Records a customer who wrote in ("deflected", then maybe "escalated", which stays).</summary>
    Task RecordContactAsync(string tenant, string incidentId, string customerId, string outcome, DateTimeOffset now);

    /// <summary>The customers who wrote in, after <paramref name="after"/> by id.</summary>
    Task<IReadOnlyList<string>> ContactsAsync(string tenant, string incidentId, string after, int limit);

    /// <summary>How many customers wrote in, by outcome.</summary>
    Task<IReadOnlyDictionary<string, int>> CountContactsAsync(string tenant, string incidentId);
}

/// <summary>
/// One incident message to one customer: its state (queued, sent, delivered, deferred, skipped, failed), why it was
/// skipped, the channel last used and those tried, the outbound id of its push, when a deferred one falls due.
/// </summary>
internal sealed record PushDelivery(
    int MessageNo,
    string CustomerId,
    string State,
    string? Reason,
    Channel Channel,
    IReadOnlyList<Channel> Tried,
    string? OutboundId,
    DateTimeOffset? DueAt);

internal static class DeliveryStates
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Deferred = "deferred";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

internal sealed record DeliveryCount(int MessageNo, string State, string? Reason, int Count);

/// <summary>A delivery to record and, for a send, the outbox row of its push (its outbound id a <see cref="PushOutboundIds"/> id) and the message's kind.</summary>
internal sealed record PlannedDelivery(PushDelivery Delivery, OutboxRow? Push, string MessageKind);

/// <summary>A push in the outbox waiting to be recorded in its customer's conversation: its row (integrator, message).</summary>
internal sealed record PendingLink(string IncidentId, int MessageNo, string MessageKind, string CustomerId, OutboxRow Row)
{
    /// <summary>The push to record in the conversation: under the row's outbound id, so the conversation writes no second row.</summary>
    public ProactivePush Push => new(IncidentId, MessageNo, MessageKind, Row.Message.Channel, Row.Integrator, Row.Message.ToAddress, Row.Message.Text, "", Row.Message.OutboundId);
}

/// <summary>A push recorded in a conversation, at a sequence number.</summary>
internal sealed record LinkedPush(string OutboundId, string ConversationId, long Seq);
