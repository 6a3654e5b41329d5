namespace Grid.Conversations.Events;

/// <summary>The conversation is closed for good: the customer's next message opens a new one. By an agent, or by Grid (null).</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Closed")]
public sealed record Closed(
    [property: Id(0)] string Reason,
    [property: Id(1)] string? AgentId = null) : ConversationEvent;
