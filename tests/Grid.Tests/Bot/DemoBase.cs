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
    /// Not the phrasing library's index (<see cref="PhrasingLibrary"/>): the library is the demo base as it was written,
    /// before it learnt the evaluation sets' missed messages (<see cref="MissedPhrasings"/>).
    /// </remarks>
    private static readonly Lazy<KnowledgeIndex> SharedIndex = new(() => new KnowledgeIndex(Entries, Settings, MatcherOptions.Default));

    /// <summary>
    /// The demo base as it was written, before it learnt the evaluation sets' missed messages: the phrasing library
    /// (phrasing-library.json). Tests that show a mechanism on a set the demo base has since learnt use it.
    /// </summary>
    public static IReadOnlyList<KnowledgeEntry> WrittenEntries { get; } = KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("phrasing-library.json"));

    /// <summary>The index of <see cref="WrittenEntries"/>: the phrasing library's own (<see cref="PhrasingLibrary"/>).</summary>
    public static KnowledgeIndex WrittenIndex => PhrasingLibrary.Shared.Index;

    /// <summary>Every distinct question of the demo base and of its phrasing library, with its language.</summary>
    public static IReadOnlyList<(string Text, string Language)> Questions { get; } = [.. Entries.Concat(WrittenEntries)
        .SelectMany(e => e.Questions.SelectMany(q => q.Value.Select(text => (Text: text, Language: q.Key))))
        .DistinctBy(q => q.Text)];

    /// <summary>An evaluation set by file name ("eval-sealed5.json").</summary>
    public static IReadOnlyList<EvaluationCase> Cases(string name) => KnowledgeBaseFile.ReadCases(KnowledgeBaseFile.Resource(name));
}
