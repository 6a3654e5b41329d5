namespace Grid.Conversations.Events;

/// <summary>
/// An agent merged conversation <see cref="SourceConversationId"/> into <see cref="TargetConversationId"/> (the grouping
/// was wrong: one problem). Journaled in both: the source is closed with a pointer to the target, where later messages
/// threaded to it go; the target's history reads include the source's entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.ConversationsMerged")]
public sealed record ConversationsMerged(
    [property: Id(0)] string SourceConversationId,
    [property: Id(1)] string TargetConversationId,
    [property: Id(2)] string AgentId) : ConversationEvent;
