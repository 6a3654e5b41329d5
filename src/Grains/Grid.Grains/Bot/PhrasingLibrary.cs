using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// Grid's library of customer phrasings: the demo base as it was written (Bot/Data/phrasing-library.json: demo-kb.json
/// before it learnt the evaluation sets' missed messages, docs/bot-evaluation.md, "Fifteenth round"), sixty phrasings an entry and language
/// written as customers write — SMS spellings, situations told without the service's words, long e-mails — over the
/// requests every customer service gets (opening hours, a copy of an invoice, a password, a refund, a payment plan…).
/// A tenant's first base has a few clean phrasings an entry, and misses most of the ways its customers say the same
/// thing (docs/bot-evaluation.md, "Eighth round").
/// <para>
/// A tenant's entry phrased sparsely (<see cref="MatcherOptions.LibraryMaxPhrasings"/>) is <b>read as</b> a library
/// entry when the library answers enough of its phrasings with that entry and the tenant's other entries' phrasings
/// almost never with it (<see cref="Map"/>): "Comment réinitialiser mon mot de passe ?" is the library's
/// password-reset, "Où en est ma livraison ?" is its delivery-status — unless the tenant has several entries about
/// deliveries, which the library cannot tell apart, and then none of them borrows it. A message the tenant's base does
/// not answer is then asked of the library, and the library's answer, mapped back to the tenant's entry, is answered
/// (<see cref="KnowledgeMatcher"/>) when the tenant's own ranking does not lean to another of its entries.
/// </para>
/// One library per process, built on first use (the demo base's index, seconds); thread-safe.
/// </summary>
internal sealed class PhrasingLibrary
{
    private static readonly Lazy<PhrasingLibrary> SharedInstance = new(
        () => new PhrasingLibrary(
            KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("phrasing-library.json")),
            KnowledgeBaseFile.ReadSettings(KnowledgeBaseFile.Resource("demo-settings.json"))),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly KnowledgeMatcher matcher;

    private PhrasingLibrary(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings)
    {
        // The library reads messages with the shipped matcher, and never asks a library itself.
        Index = new KnowledgeIndex(entries, settings, MatcherOptions.Default with { Library = false });
        matcher = new KnowledgeMatcher(Index, new StopWordLanguageDetector());
    }

    /// <summary>The process's library.</summary>
    public static PhrasingLibrary Shared => SharedInstance.Value;

    /// <summary>The library's own index (the demo base's).</summary>
    public KnowledgeIndex Index { get; }

    /// <summary>The library's decision for a message in a known language (its entries only: person requests are the tenant's to read).</summary>
    public BotDecision Decide(string text, string language) =>
        matcher.DecideEntry(text, language, Index.Embeds ? Index.Embed(text, language) : null, out _);

    /// <summary>
    /// Which tenant entry each library entry is read as: every phrasing of the tenant's sparsely phrased entries
    /// (fewer than <see cref="MatcherOptions.LibraryMaxPhrasings"/> in its language) is decided by the library; a
    /// library entry maps to the tenant entry that got at least <see cref="MatcherOptions.LibraryMinVotes"/> of its
    /// answers and a quarter of that entry's phrasings, when no other tenant entry got half as many (a library entry
    /// two of the tenant's entries share, deliveries' costs and their tracking, is read as neither). Empty when no entry is sparse (a rich base reads its own phrasings).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Map(IReadOnlyList<KnowledgeEntry> entries, MatcherOptions options, Func<PhrasingLibrary> library)
    {
        var sparse = new List<(int Entry, string Language, string Text)>();
        var asked = new int[entries.Count];
        for (var e = 0; e < entries.Count; e++)
        {
            if (entries[e].Tags.Contains(KnowledgeIndex.OutOfScopeTag, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var (language, questions) in entries[e].Questions)
            {
                if (questions.Count < options.LibraryMaxPhrasings)
                {
                    sparse.AddRange(questions.Select(q => (e, language, q)));
                    asked[e] += questions.Count;
                }
            }
        }

        if (sparse.Count == 0)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var shared = library();
        var votes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (entry, language, text) in sparse)
        {
            if (shared.Index.For(language) is null)
            {
                continue;
            }

            var decision = shared.Decide(text, language);
            if (decision is { Kind: BotDecisionKind.Answer, EntryId: { } id })
            {
                if (!votes.TryGetValue(id, out var counts))
                {
                    votes[id] = counts = new int[entries.Count];
                }

                counts[entry]++;
            }
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, counts) in votes)
        {
            var best = Array.IndexOf(counts, counts.Max());
            var second = counts.Where((_, e) => e != best).DefaultIfEmpty(0).Max();
            if (counts[best] >= options.LibraryMinVotes && counts[best] * 4 >= asked[best] && counts[best] >= 2 * second)
            {
                map[id] = best;
            }
        }

        return map;
    }
}
