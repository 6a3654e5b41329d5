namespace Grid.Bot;

/// <summary>A tenant's bot settings and the knowledge base's version they were read at.</summary>
[GenerateSerializer, Immutable, Alias("grid.VersionedKnowledgeSettings")]
public sealed record VersionedKnowledgeSettings(
    [property: Id(0)] KnowledgeSettings Settings,
    [property: Id(1)] long Version);
