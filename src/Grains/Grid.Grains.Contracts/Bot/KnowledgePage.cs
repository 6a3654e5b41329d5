namespace Grid.Bot;

/// <summary>
/// A page of entries in id order, the cursor of the next page, how many entries match (the tag filter, when given) over
/// every page, and the knowledge base's version.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgePage")]
public sealed record KnowledgePage(
    [property: Id(0)] IReadOnlyList<KnowledgeEntry> Entries,
    [property: Id(1)] string? NextAfterId,
    [property: Id(2)] bool HasMore,
    [property: Id(3)] int Total,
    [property: Id(4)] long Version);
