namespace Grid.Conversations.Events;

/// <summary>
/// The assigned agent hands the conversation on, to a queue or to a named agent, with a note for the receiver; an
/// <see cref="Escalated"/> follows in the same unit (to the queue, or to the named agent's offer).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Transferred")]
public sealed record Transferred(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Queue,
    [property: Id(2)] string? ToAgent,
    [property: Id(3)] string? Note) : ConversationEvent;
