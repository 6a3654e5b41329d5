namespace Grid;

/// <summary>A page of a customer's timeline: entries of all their conversations in arrival order.</summary>
[GenerateSerializer, Immutable, Alias("grid.TimelinePage")]
public sealed record TimelinePage(
    [property: Id(0)] IReadOnlyList<JournalEntry> Entries,
    [property: Id(1)] long NextCursor,
    [property: Id(2)] bool HasMore);
