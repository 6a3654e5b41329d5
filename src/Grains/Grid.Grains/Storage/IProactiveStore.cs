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
