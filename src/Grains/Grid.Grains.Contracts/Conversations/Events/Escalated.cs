namespace Grid.Conversations.Events;

/// <summary>The conversation goes to a human: it waits in <see cref="Queue"/> with a priority and the skills it requires.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Escalated")]
public sealed record Escalated(
    [property: Id(0)] string Queue,
    [property: Id(1)] string Reason,
    [property: Id(2)] int Priority,
    [property: Id(3)] IReadOnlyList<string> Requirements) : ConversationEvent;
