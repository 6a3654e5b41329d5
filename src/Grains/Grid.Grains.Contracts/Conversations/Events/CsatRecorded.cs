namespace Grid.Conversations.Events;

/// <summary>The customer's satisfaction with a resolved conversation: 1 (very unhappy) to 5 (very happy), and their words.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CsatRecorded")]
public sealed record CsatRecorded(
    [property: Id(0)] int Rating,
    [property: Id(1)] string? Comment) : ConversationEvent;
