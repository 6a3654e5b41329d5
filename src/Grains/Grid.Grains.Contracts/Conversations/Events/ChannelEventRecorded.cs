namespace Grid.Conversations.Events;

/// <summary>An integrator reported a delivery receipt (about <see cref="OutboundId"/>) or a call.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.ChannelEventRecorded")]
public sealed record ChannelEventRecorded(
    [property: Id(0)] ChannelEventType Type,
    [property: Id(1)] string Integrator,
    [property: Id(2)] string ExternalId,
    [property: Id(3)] string? OutboundId,
    [property: Id(4)] string? Detail) : ConversationEvent;
