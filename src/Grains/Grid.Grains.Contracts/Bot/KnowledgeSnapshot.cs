namespace Grid.Bot;

/// <summary>
/// A tenant's whole knowledge base at one version: what the matcher indexes. Every change increments
/// <see cref="Version"/>; 0 means the knowledge base was never written.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeSnapshot")]
public sealed record KnowledgeSnapshot(
    [property: Id(0)] IReadOnlyList<KnowledgeEntry> Entries,
    [property: Id(1)] KnowledgeSettings Settings,
    [property: Id(2)] long Version);
