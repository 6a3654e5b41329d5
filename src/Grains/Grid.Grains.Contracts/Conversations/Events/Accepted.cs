namespace Grid.Conversations.Events;

/// <summary>An agent accepted the offer: the conversation is theirs.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Accepted")]
public sealed record Accepted([property: Id(0)] string AgentId) : ConversationEvent;
