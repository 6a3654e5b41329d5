namespace Grid.Conversations.Events;

/// <summary>
/// The customer asked to be called back (<see cref="Source"/>: "request" for an integrator's callback form, "message"
/// for words in a message): at <see cref="DueAt"/> the conversation goes to a person as a callback task, on
/// <see cref="Number"/> when one is known.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CallbackScheduled")]
public sealed record CallbackScheduled(
    [property: Id(0)] DateTimeOffset DueAt,
    [property: Id(1)] string? Number,
    [property: Id(2)] string Source) : ConversationEvent;
