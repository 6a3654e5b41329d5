using Grid.Conversations.Events;

namespace Grid;

/// <summary>
/// What a split takes out of a conversation (docs/architecture.md, "Grouping"): its customer, the customer messages moved
/// with their sequence numbers, the texts of the customer messages that stay (their references stay grouped there), and
/// where the new conversation waits (the queue, priority and requirements of the source).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.SplitPlan")]
public sealed record SplitPlan(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] IReadOnlyList<long> Seqs,
    [property: Id(2)] IReadOnlyList<CustomerWrote> Moved,
    [property: Id(3)] IReadOnlyList<string> KeptTexts,
    [property: Id(4)] string Queue,
    [property: Id(5)] int Priority,
    [property: Id(6)] IReadOnlyList<string> Requirements);

/// <summary>The outcome of a split: the conversation the messages left, the new one, and the messages moved.</summary>
[GenerateSerializer, Immutable, Alias("grid.ConversationSplitResult")]
public sealed record ConversationSplitResult(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string NewConversationId,
    [property: Id(2)] IReadOnlyList<long> Seqs);
