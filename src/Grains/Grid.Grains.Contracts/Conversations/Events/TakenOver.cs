namespace Grid.Conversations.Events;

/// <summary>A supervisor takes the conversation over from the agent it was assigned to (or takes it from the queue).</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.TakenOver")]
public sealed record TakenOver(
    [property: Id(0)] string SupervisorId,
    [property: Id(1)] string? FromAgent) : ConversationEvent;
