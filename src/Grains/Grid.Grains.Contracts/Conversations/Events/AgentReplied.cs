namespace Grid.Conversations.Events;

/// <summary>An agent wrote to the customer; the message goes out through the outbox of <see cref="Delivery"/>.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.AgentReplied")]
public sealed record AgentReplied(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Text,
    [property: Id(2)] string ClientMessageId,
    [property: Id(3)] OutboundDelivery Delivery) : ConversationEvent;
