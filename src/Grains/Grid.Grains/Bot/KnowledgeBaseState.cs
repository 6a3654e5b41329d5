namespace Grid.Bot;

/// <summary>
/// A tenant's knowledge base as stored. Never changed in place: each change stores a new list, so snapshots handed out
/// stay as they were.
/// </summary>
[GenerateSerializer, Alias("grid.KnowledgeBaseState")]
internal sealed class KnowledgeBaseState
{
    /// <summary>The entries in the order they were created or imported (the export's order).</summary>
    [Id(0)] public List<KnowledgeEntry> Entries { get; set; } = [];

    /// <summary>Null until set: <see cref="KnowledgeDefaults.Settings"/> apply.</summary>
    [Id(1)] public KnowledgeSettings? Settings { get; set; }

    /// <summary>Incremented by every change; 0 until the first.</summary>
    [Id(2)] public long Version { get; set; }
}
