namespace Grid.Conversations.Events;

/// <summary>An offer was taken back before its agent answered (the queue offered the conversation to someone else).</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.OfferWithdrawn")]
public sealed record OfferWithdrawn(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string OfferId) : ConversationEvent;
