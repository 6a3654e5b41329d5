namespace Grid.Conversations.Events;

/// <summary>
/// An agent split the customer messages <see cref="Seqs"/> of <see cref="SourceConversationId"/> into the new
/// conversation <see cref="TargetConversationId"/> (the grouping was wrong: another problem). Journaled in both: the
/// target starts with copies of those messages and says where they came from; the source keeps them, marked moved.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.ConversationSplit")]
public sealed record ConversationSplit(
    [property: Id(0)] string SourceConversationId,
    [property: Id(1)] string TargetConversationId,
    [property: Id(2)] IReadOnlyList<long> Seqs,
    [property: Id(3)] string AgentId) : ConversationEvent;
