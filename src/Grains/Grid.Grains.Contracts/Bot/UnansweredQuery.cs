namespace Grid.Bot;

/// <summary>
/// Which misses to group: those written from <see cref="Since"/> (inclusive) to <see cref="Until"/> (exclusive), in
/// <see cref="Language"/> when given, and how many groups to return at most (the most frequent first).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.UnansweredQuery")]
public sealed record UnansweredQuery(
    [property: Id(0)] DateTimeOffset Since,
    [property: Id(1)] DateTimeOffset Until,
    [property: Id(2)] int Limit,
    [property: Id(3)] string? Language = null);
