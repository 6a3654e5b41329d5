namespace Grid.Conversations.Events;

/// <summary>An agent declined the offer: the conversation waits again, keeping its age.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Declined")]
public sealed record Declined(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string OfferId) : ConversationEvent;
