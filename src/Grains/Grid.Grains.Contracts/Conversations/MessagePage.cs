namespace Grid;

/// <summary>A page of journal entries in sequence order, and the cursor to ask for the next page.</summary>
[GenerateSerializer, Immutable, Alias("grid.MessagePage")]
public sealed record MessagePage(
    [property: Id(0)] IReadOnlyList<JournalEntry> Entries,
    [property: Id(1)] long NextAfterSeq,
    [property: Id(2)] bool HasMore);
