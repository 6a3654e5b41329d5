namespace Grid.Privacy;

/// <summary>
/// What an erasure removed: the customer ids erased (the customer and any merged into it), how many conversations,
/// addresses and grain states, and the rows deleted per table. Ids and counts only: no personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ErasureReport")]
public sealed record ErasureReport(
    [property: Id(0)] IReadOnlyList<string> CustomerIds,
    [property: Id(1)] int Conversations,
    [property: Id(2)] int Addresses,
    [property: Id(3)] IReadOnlyDictionary<string, long> Rows,
    [property: Id(4)] bool AlreadyErased);
