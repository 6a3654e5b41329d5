namespace Grid.Conversations.Events;

/// <summary>
/// A proactive push of incident <see cref="IncidentId"/> (its message <see cref="MessageNo"/>: the opening, an update,
/// the resolution) went to the customer on <see cref="ConversationEvent.Channel"/>; an agent who later opens the
/// conversation sees why it exists. Carries its own outbox row, like every message to the customer, unless
/// <see cref="OutboundId"/> names the row the incident's batch already wrote (a push linked after the outbox: no second row).
/// A scheduled push (callback, appointment reminder, follow-up) is the same event with its id ("sch_…") as
/// <see cref="IncidentId"/>, message 1 and its kind as <see cref="MessageKind"/> (docs/architecture.md, "Scheduled pushes").
/// A message with an action carries the customer's link in <see cref="Text"/>, valid until <see cref="LinkExpiresAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.IncidentPushed")]
public sealed record IncidentPushed(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int MessageNo,
    [property: Id(2)] string MessageKind,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] string Text,
    [property: Id(5)] OutboundDelivery Delivery,
    [property: Id(6)] string? OutboundId = null,
    [property: Id(7)] DateTimeOffset? LinkExpiresAt = null) : ConversationEvent;
