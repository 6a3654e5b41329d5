namespace Grid.Conversations.Events;

/// <summary>The queue offered the conversation to an agent until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Offered")]
public sealed record Offered(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string OfferId,
    [property: Id(2)] DateTimeOffset ExpiresAt) : ConversationEvent;
