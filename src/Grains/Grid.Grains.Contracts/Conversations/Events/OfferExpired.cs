namespace Grid.Conversations.Events;

/// <summary>The agent let the offer expire: the conversation waits again, keeping its age.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.OfferExpired")]
public sealed record OfferExpired(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string OfferId) : ConversationEvent;
