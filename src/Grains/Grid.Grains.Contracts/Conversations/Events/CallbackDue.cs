namespace Grid.Conversations.Events;

/// <summary>The time of a booked callback came: the conversation goes to a person (reason "callback") unless one holds it.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CallbackDue")]
public sealed record CallbackDue(
    [property: Id(0)] DateTimeOffset DueAt,
    [property: Id(1)] string? Number) : ConversationEvent;
