namespace Grid.Bot;

/// <summary>Every entry as a JSON document (the import's form), how many, and the version exported.</summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeExport")]
public sealed record KnowledgeExport(
    [property: Id(0)] string Document,
    [property: Id(1)] int Count,
    [property: Id(2)] long Version);
