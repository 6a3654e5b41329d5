namespace Grid.Conversations.Events;

/// <summary>
/// A pipeline step's own state for this conversation (a flow's slots, a count of no-matches) is now
/// <see cref="State"/>; an empty state clears it.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.StepStateChanged")]
public sealed record StepStateChanged(
    [property: Id(0)] string Step,
    [property: Id(1)] IReadOnlyDictionary<string, string> State) : ConversationEvent;
