namespace Grid.Bot;

/// <summary>What an import changed: entries created, replaced and (with replace-all) deleted, the total after it and the new version.</summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeImportResult")]
public sealed record KnowledgeImportResult(
    [property: Id(0)] int Created,
    [property: Id(1)] int Updated,
    [property: Id(2)] int Deleted,
    [property: Id(3)] int Total,
    [property: Id(4)] long Version);
