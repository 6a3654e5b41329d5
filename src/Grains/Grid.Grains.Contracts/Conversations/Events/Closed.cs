namespace Grid.Conversations.Events;

/// <summary>The conversation is closed for good: the customer's next message opens a new one.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Closed")]
public sealed record Closed([property: Id(0)] string Reason) : ConversationEvent;
