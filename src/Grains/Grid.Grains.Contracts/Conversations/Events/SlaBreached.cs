namespace Grid.Conversations.Events;

/// <summary>
/// A deadline of the tenant's service levels passed (<see cref="Kind"/>: "first-response", "next-response" or
/// "resolution", due at <see cref="DueAt"/>); the conversation's priority becomes <see cref="Priority"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.SlaBreached")]
public sealed record SlaBreached(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] int Priority) : ConversationEvent;
