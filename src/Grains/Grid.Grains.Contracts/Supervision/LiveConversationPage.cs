namespace Grid;

/// <summary>A page of live conversations and the cursor of the next page (null when this one is the last).</summary>
[GenerateSerializer, Immutable, Alias("grid.LiveConversationPage")]
public sealed record LiveConversationPage(
    [property: Id(0)] IReadOnlyList<LiveConversation> Conversations,
    [property: Id(1)] LiveCursor? Next);
