namespace Grid;

/// <summary>
/// One entry of a conversation's append-only journal: a message from any side, or an event
/// (a state transition with its reason, a delivery receipt, a call). <see cref="At"/> is when Grid received or
/// wrote it; <see cref="SentAt"/> is when the customer sent it, as the integrator reported. Messages to the customer
/// carry their <see cref="OutboundId"/> (see <see cref="OutboundIds"/>). Built from the journal's typed events.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.JournalEntry")]
public sealed record JournalEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] EntryKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Channel Channel,
    [property: Id(5)] string Author,
    [property: Id(6)] string? Text,
    [property: Id(7)] string? EventType,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string? ExternalId,
    [property: Id(10)] EmailHeaders? Email,
    [property: Id(11)] IReadOnlyList<Attachment> Attachments,
    [property: Id(12)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(13)] ReplyAddress? From = null,
    [property: Id(14)] DateTimeOffset? SentAt = null,
    [property: Id(15)] string? OutboundId = null);

/// <summary>Where a customer message came from (address and integrator): where replies go. Stored, not shown to clients.</summary>
[GenerateSerializer, Immutable, Alias("grid.ReplyAddress")]
public sealed record ReplyAddress(
    [property: Id(0)] string Address,
    [property: Id(1)] string Integrator);
