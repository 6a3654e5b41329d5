using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>The demo tenant's knowledge base, settings and evaluation sets, as shipped in Grid.Grains' resources.</summary>
internal static class DemoBase
{
    public static IReadOnlyList<KnowledgeEntry> Entries { get; } = KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("demo-kb.json"));

    public static KnowledgeSettings Settings { get; } = KnowledgeBaseFile.ReadSettings(KnowledgeBaseFile.Resource("demo-settings.json"));

    /// <summary>
    /// One index of the demo base for tests that only read it (a matcher is thread-safe): building one, its classifier
    /// trained, costs seconds, and xunit makes a class instance per test.
    /// </summary>
    public static KnowledgeIndex Index => SharedIndex.Value;

    /// <remarks>
    /// It is the phrasing library's own index (<see cref="PhrasingLibrary"/>): the same entries, settings and options
    /// but the library, which a base phrased as richly as the demo's never reads (<see cref="KnowledgeIndex.LibraryMap"/>).
    /// </remarks>
    private static readonly Lazy<KnowledgeIndex> SharedIndex = new(() => PhrasingLibrary.Shared.Index);

    /// <summary>An evaluation set by file name ("eval-sealed5.json").</summary>
    public static IReadOnlyList<EvaluationCase> Cases(string name) => KnowledgeBaseFile.ReadCases(KnowledgeBaseFile.Resource(name));
}
