namespace Grid;

/// <summary>
/// What a customer merged into another hands over: the ids whose history it holds (its own and those of customers
/// merged into it before), its addresses, its conversations and its open one, and the record of the merge.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.MergedCustomer")]
public sealed record MergedCustomer(
    [property: Id(0)] CustomerMerge Merge,
    [property: Id(1)] IReadOnlyList<string> CustomerIds,
    [property: Id(2)] IReadOnlyList<LinkedAddress> Addresses,
    [property: Id(3)] IReadOnlyList<string> ConversationIds,
    [property: Id(4)] string? OpenConversationId)
{
    /// <summary>All its open conversations (<see cref="OpenConversationId"/> is the most recent of them).</summary>
    [Id(5)] public IReadOnlyList<string> OpenConversationIds { get; init; } = [];
}
