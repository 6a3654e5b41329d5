namespace Grid.Bot;

/// <summary>
/// What a tenant does with the messages its bot missed, done over labelled sets: each answerable message the base does
/// not answer right (no match, a clarification, another entry, a person) becomes a phrasing of its entry in its
/// language, and, with <c>outOfScope</c>, each uncovered message the base answers becomes a phrasing of the base's
/// out-of-scope entry (what the tenant does not handle). Every set is decided by the base as given (one index for all), not by the base
/// as it grows. Texts longer than <see cref="KnowledgeLimits.MaxPhrasingLength"/> or already a phrasing (folded) are
/// left out; an entry takes at most <see cref="KnowledgeLimits.MaxPhrasings"/> phrasings a language, the kept ones
/// drawn in a seeded order (deterministic). docs/bot-evaluation.md, "Fifteenth round", says what it gained on sets it
/// did not learn from.
/// </summary>
internal static class MissedPhrasings
{
    public static (IReadOnlyList<KnowledgeEntry> Entries, int Added, int AddedOutOfScope) Learn(
        IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, IEnumerable<IReadOnlyList<EvaluationCase>> sets, bool outOfScope, int seed = 7)
    {
        var missed = new Dictionary<(string Entry, string Language), List<string>>();
        var outOfScopeEntries = entries.Where(e => e.Tags.Contains(KnowledgeIndex.OutOfScopeTag, StringComparer.Ordinal)).ToList();
        var outOfScopeId = outOfScope && outOfScopeEntries.Count == 1 ? outOfScopeEntries[0].Id : null;
        using var index = new KnowledgeIndex(entries, settings, MatcherOptions.Default);
        foreach (var cases in sets)
        {
            foreach (var outcome in new BotEvaluation(entries, settings, cases).Run(index).Outcomes)
            {
                var c = outcome.Case;
                var key = c.Expect == "answer" && !outcome.Right && c.Entry is not null ? (c.Entry, c.Language)
                    : c.Expect == "none" && outOfScopeId is not null && outcome.Decision.Kind == BotDecisionKind.Answer ? (outOfScopeId, c.Language)
                    : default;
                if (key.Item1 is not null && c.Text.Length <= KnowledgeLimits.MaxPhrasingLength)
                {
                    (missed.TryGetValue(key, out var texts) ? texts : missed[key] = []).Add(c.Text);
                }
            }
        }

        var random = new Random(seed);
        int added = 0, addedOutOfScope = 0;
        var learnt = entries.Select(entry =>
        {
            var questions = entry.Questions.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value], StringComparer.Ordinal);
            foreach (var ((id, language), texts) in missed.Where(m => m.Key.Entry == entry.Id).OrderBy(m => m.Key.Language, StringComparer.Ordinal))
            {
                var have = questions.GetValueOrDefault(language) ?? [];
                var known = new HashSet<string>(have.Select(Fold), StringComparer.Ordinal);
                var fresh = texts.Where(t => known.Add(Fold(t))).ToArray();
                random.Shuffle(fresh);
                var kept = fresh.Take(Math.Max(0, KnowledgeLimits.MaxPhrasings - have.Count)).ToList();
                questions[language] = [.. have, .. kept];
                if (id == outOfScopeId)
                {
                    addedOutOfScope += kept.Count;
                }
                else
                {
                    added += kept.Count;
                }
            }

            return entry with { Questions = questions };
        }).ToList();
        return (learnt, added, addedOutOfScope);
    }

    private static string Fold(string text) => string.Join(' ', TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
