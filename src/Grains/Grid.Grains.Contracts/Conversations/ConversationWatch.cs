namespace Grid;

/// <summary>
/// A supervisor's silent watch of a conversation: the context package (view and transcript) at the moment it began,
/// and when it lapses unless renewed by watching again.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ConversationWatch")]
public sealed record ConversationWatch(
    [property: Id(0)] HandoffContext Context,
    [property: Id(1)] DateTimeOffset ExpiresAt);
