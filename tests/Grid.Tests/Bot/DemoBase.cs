using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>The demo tenant's knowledge base, settings and evaluation sets, as shipped in Grid.Grains' resources.</summary>
internal static class DemoBase
{
    public static IReadOnlyList<KnowledgeEntry> Entries { get; } = KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("demo-kb.json"));

    public static KnowledgeSettings Settings { get; } = KnowledgeBaseFile.ReadSettings(KnowledgeBaseFile.Resource("demo-settings.json"));

    /// <summary>An evaluation set by file name ("eval-sealed5.json").</summary>
    public static IReadOnlyList<EvaluationCase> Cases(string name) => KnowledgeBaseFile.ReadCases(KnowledgeBaseFile.Resource(name));
}
