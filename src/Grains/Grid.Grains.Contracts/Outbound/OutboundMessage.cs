namespace Grid;

/// <summary>
/// A message an integrator must send to a customer. <see cref="OutboundId"/> is stable across re-deliveries:
/// integrators dedupe on it. <see cref="Cursor"/> orders an outbox. With <see cref="Action"/> set it is not a message to send
/// but a customer's answer to an actionable push, for the tenant's system.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.OutboundMessage")]
public sealed record OutboundMessage(
    [property: Id(0)] long Cursor,
    [property: Id(1)] string OutboundId,
    [property: Id(2)] string ConversationId,
    [property: Id(3)] long Seq,
    [property: Id(4)] Channel Channel,
    [property: Id(5)] string ToAddress,
    [property: Id(6)] string Text,
    [property: Id(7)] EntryKind Kind,
    [property: Id(8)] string Author,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] EmailHeaders? Email,
    [property: Id(11)] string CustomerId,
    [property: Id(12)] ActionResult? Action = null);
