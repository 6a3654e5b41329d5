namespace Grid.Bot;

/// <summary>
/// A tenant's knowledge base made searchable: one <see cref="LanguageIndex"/> per language its entries are phrased in.
/// Built once from the entries and settings (a few milliseconds for the demo base); searching is thread-safe.
/// </summary>
internal sealed partial class KnowledgeIndex : IDisposable
{
    /// <summary>A message shorter than this is embedded whole only.</summary>
    private const int MinCharsForSentences = 100;

    /// <summary>The sentences of a long message that are embedded besides the whole (an e-mail's question comes early).</summary>
    private const int MaxSentences = 6;

    private readonly Dictionary<string, LanguageIndex> indexes;
    private readonly bool[] outOfScope;
    private readonly TextNormalizer normalizer;

    public KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, MatcherOptions? options = null)
    {
        Entries = entries;
        Settings = settings;
        outOfScope = [.. entries.Select(e => e.Tags.Contains(OutOfScopeTag, StringComparer.Ordinal))];
        Options = options ?? MatcherOptions.Default;
        normalizer = new TextNormalizer(Options.Sms);
        var duplicate = entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The knowledge base has two entries with the id '{duplicate.Key}'.", nameof(entries));
        }

        indexes = entries.SelectMany(e => e.Questions.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToDictionary(language => language, language => new LanguageIndex(language, entries, settings, Options), StringComparer.Ordinal);
        Model = Options.Confidence == ConfidenceKind.Trained ? ConfidenceModel.Train(indexes.Values) : null;
        Decision = Options.Decision ? Options.DecisionModel ?? DecisionModel.Shipped : null;
        LibraryMap = Options.Library ? PhrasingLibrary.Map(entries, Options, () => PhrasingLibrary.Shared) : new Dictionary<string, int>();
    }

    /// <summary>
    /// The tenant entry (its position) each entry of Grid's phrasing library is read as (<see cref="PhrasingLibrary.Map"/>);
    /// empty when the options leave the library out or no entry is phrased sparsely.
    /// </summary>
    public IReadOnlyDictionary<string, int> LibraryMap { get; }

    /// <summary>The learned decision, when the options ask for one (<see cref="MatcherOptions.Decision"/>).</summary>
    public DecisionModel? Decision { get; }

    /// <summary>Whether some language's phrasings are embedded: messages are then embedded too (<see cref="Embed"/>).</summary>
    public bool Embeds => indexes.Values.Any(i => i.HasSemantic);

    /// <summary>
    /// A message's sentence embeddings, prepared like the phrasings (<see cref="MatcherOptions.SemanticNormalized"/>):
    /// the whole message's, then (<see cref="MatcherOptions.SemanticSentences"/>) each sentence's of a message of
    /// several — an e-mail's question is one sentence among greetings and its story, and a whole-message vector is
    /// the average of them all.
    /// </summary>
    public float[][] Embed(string text, string language) => EmbedWith(text, language, MinCharsForSentences, 2);

    /// <summary>
    /// A message's embeddings with its sentences' whatever its length (<see cref="HumanRequestMeaning"/>: "You're
    /// useless. Let me speak to a real human." is short, and its first sentence hides the second's meaning).
    /// </summary>
    public float[][] EmbedSentences(string text, string language) => EmbedWith(text, language, 0, 1);

    /// <param name="text">The message.</param>
    /// <param name="language">Its language (the normalisation's).</param>
    /// <param name="minCharsForSentences">The length from which the sentences are embedded too.</param>
    /// <param name="minSentences">How many sentences of three words or more (other than the whole) that takes.</param>
    private float[][] EmbedWith(string text, string language, int minCharsForSentences, int minSentences)
    {
        var whole = SentenceEmbedder.Shared.Embed(Prepare(text, language));
        if (!Options.SemanticSentences || text.Length < minCharsForSentences)
        {
            return [whole];
        }

        var sentences = SentenceBreak().Split(text)
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && s.Trim() != text.Trim())
            .Take(MaxSentences)
            .ToList();
        return sentences.Count < minSentences ? [whole] : [whole, .. sentences.Select(s => SentenceEmbedder.Shared.Embed(Prepare(s, language)))];
    }

    private string Prepare(string text, string language) => Options.SemanticNormalized ? normalizer.Normalize(text, language).Text : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?…])\s+|[\r\n]+")]
    internal static partial System.Text.RegularExpressions.Regex SentenceBreak();

    /// <summary>
    /// Whether an entry describes what the tenant does not handle (tag <see cref="OutOfScopeTag"/>): its phrasings are
    /// indexed like any other's, and a message closest to them is not answered — it is a no-match, never a guess.
    /// </summary>
    public bool IsOutOfScope(int entry) => outOfScope[entry];

    /// <summary>The tag of an entry whose phrasings are questions the tenant does not handle; its answer is never sent.</summary>
    public const string OutOfScopeTag = "out-of-scope";

    /// <summary>The confidence model trained on the entries' phrasings, when the options ask for one.</summary>
    public ConfidenceModel? Model { get; }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    public KnowledgeSettings Settings { get; }

    public MatcherOptions Options { get; }

    /// <summary>The languages the entries are phrased in.</summary>
    public IReadOnlyCollection<string> Languages => indexes.Keys;

    /// <summary>The index of a language, or null when no entry is phrased in it.</summary>
    public LanguageIndex? For(string language) => indexes.GetValueOrDefault(language);

    /// <summary>
    /// The language whose phrasings alone hold more of the message's words (of four letters or more) than any other's,
    /// or null: "opening hours?", "forgot password" or "operator" have no function word to tell the language by, but
    /// they are the base's English words.
    /// </summary>
    public string? LanguageOfWords(string text)
    {
        var words = WordBreak().Split(TextNormalizer.Fold(text)).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).ToList();
        string? best = null;
        var bestCount = 0;
        var tie = false;
        foreach (var (language, index) in indexes)
        {
            var count = words.Count(w => index.Knows(w) && indexes.All(other => other.Key == language || !other.Value.Knows(w)));
            if (count > bestCount)
            {
                (best, bestCount, tie) = (language, count, false);
            }
            else if (count == bestCount && count > 0)
            {
                tie = true;
            }
        }

        return tie ? null : best;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial System.Text.RegularExpressions.Regex WordBreak();

    public void Dispose()
    {
        foreach (var index in indexes.Values)
        {
            index.Dispose();
        }
    }
}
