namespace Grid.Conversations.Events;

/// <summary>
/// Something that happened to a conversation: the unit of its journal. <see cref="At"/> is Grid's time and
/// <see cref="Channel"/> the channel that caused it. A conversation's state is the fold of its events
/// (docs/architecture.md, "The conversation core"); each subtype has a stable name in the journal, never renamed.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ConversationEvent")]
public abstract record ConversationEvent
{
    [Id(0)] public DateTimeOffset At { get; init; }

    [Id(1)] public Channel Channel { get; init; }
}
