namespace Grid.Bot;

/// <summary>
/// A tenant's knowledge base made searchable: one <see cref="LanguageIndex"/> per language its entries are phrased in.
/// Built once from the entries and settings (a few milliseconds for the demo base); searching is thread-safe.
/// </summary>
internal sealed class KnowledgeIndex : IDisposable
{
    private readonly Dictionary<string, LanguageIndex> indexes;

    public KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, MatcherOptions? options = null)
    {
        Entries = entries;
        Settings = settings;
        Options = options ?? MatcherOptions.Default;
        var duplicate = entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The knowledge base has two entries with the id '{duplicate.Key}'.", nameof(entries));
        }

        indexes = entries.SelectMany(e => e.Questions.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToDictionary(language => language, language => new LanguageIndex(language, entries, settings, Options), StringComparer.Ordinal);
        Model = Options.Confidence == ConfidenceKind.Trained ? ConfidenceModel.Train(indexes.Values) : null;
    }

    /// <summary>Whether some language's phrasings are embedded: messages are then embedded too (<see cref="Embed"/>).</summary>
    public bool Embeds => indexes.Values.Any(i => i.HasSemantic);

    /// <summary>A message's sentence embedding, prepared like the phrasings (<see cref="MatcherOptions.SemanticNormalized"/>).</summary>
    public float[] Embed(string text, string language) =>
        SentenceEmbedder.Shared.Embed(Options.SemanticNormalized ? new TextNormalizer(Options.Sms).Normalize(text, language).Text : text);

    /// <summary>The confidence model trained on the entries' phrasings, when the options ask for one.</summary>
    public ConfidenceModel? Model { get; }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    public KnowledgeSettings Settings { get; }

    public MatcherOptions Options { get; }

    /// <summary>The languages the entries are phrased in.</summary>
    public IReadOnlyCollection<string> Languages => indexes.Keys;

    /// <summary>The index of a language, or null when no entry is phrased in it.</summary>
    public LanguageIndex? For(string language) => indexes.GetValueOrDefault(language);

    public void Dispose()
    {
        foreach (var index in indexes.Values)
        {
            index.Dispose();
        }
    }
}
