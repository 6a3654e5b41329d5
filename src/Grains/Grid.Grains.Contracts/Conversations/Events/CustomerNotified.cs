namespace Grid.Conversations.Events;

/// <summary>Grid told the customer something (receipt acknowledged, position in queue, ...); <see cref="Purpose"/> says what.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CustomerNotified")]
public sealed record CustomerNotified(
    [property: Id(0)] string Text,
    [property: Id(1)] string Purpose,
    [property: Id(2)] OutboundDelivery Delivery) : ConversationEvent;
