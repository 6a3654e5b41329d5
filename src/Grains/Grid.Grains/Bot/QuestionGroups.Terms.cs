using System.Text;

namespace Grid.Bot;

/// <summary>
/// How a miss becomes content terms for <see cref="QuestionGroups"/>: spelling slips corrected towards the period's
/// more frequent words, the matcher's analysis chains per language, the tenant's synonym groups folded into one term.
/// </summary>
internal static partial class QuestionGroups
{
    /// <summary>
    /// Each word of <see cref="MinCorrectedLength"/> letters or more mapped to a more frequent word of the period one
    /// typo away (<see cref="EditDistance.AtMostOne"/>), found through the words' one-deletion variants.
    /// </summary>
    private static Dictionary<string, string> Corrections(IEnumerable<NormalizedText> texts)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in texts.SelectMany(t => t.Tokens).Where(Correctable))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }

        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        var rootsByVariant = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (word, _) in frequency.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var variants = Variants(word).ToList();
            var root = variants
                .SelectMany(v => rootsByVariant.GetValueOrDefault(v) ?? [])
                .FirstOrDefault(r => EditDistance.AtMostOne(r, word));
            if (root is not null)
            {
                corrections[word] = root;
                continue;
            }

            foreach (var variant in variants)
            {
                if (!rootsByVariant.TryGetValue(variant, out var roots))
                {
                    rootsByVariant[variant] = roots = [];
                }

                roots.Add(word);
            }
        }

        return corrections;
    }

    private static bool Correctable(string word) => word.Length >= MinCorrectedLength && !word.Any(char.IsDigit);

    /// <summary>The word and the word without each of its letters: two words one typo apart share one of them.</summary>
    private static IEnumerable<string> Variants(string word)
    {
        yield return word;
        var builder = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            builder.Clear().Append(word, 0, i).Append(word, i + 1, word.Length - i - 1);
            yield return builder.ToString();
        }
    }

    /// <summary>The analysis chains (one per language family) and the synonym groups analysed by each.</summary>
    private sealed class Analysis(IReadOnlyList<IReadOnlyList<string>> synonyms) : IDisposable
    {
        private readonly TextNormalizer normalizer = new();
        private readonly Dictionary<string, (KnowledgeAnalyzer Analyzer, Synonyms Synonyms)> chains = new(StringComparer.Ordinal);

        public NormalizedText Normalize(UnansweredQuestion miss) => normalizer.Normalize(miss.Text, miss.Language);

        /// <summary>The content terms of a normalised text (see the class's summary).</summary>
        public HashSet<string> Terms(string language, NormalizedText text, Dictionary<string, string> corrections)
        {
            var (analyzer, folding) = Chain(language);
            var clauses = text.Clauses.Select(c => string.Join(' ', c
                .Where(w => !BotLexicon.QuestionGroupStopWords.Contains(w))
                .Select(w => corrections.GetValueOrDefault(w, w))));
            var terms = analyzer.Terms("q", string.Join(" . ", clauses))
                .Where(t => t.Length >= 2 && !t.Any(char.IsDigit))
                .ToHashSet(StringComparer.Ordinal);
            folding.Fold(terms);
            return terms;
        }

        private (KnowledgeAnalyzer Analyzer, Synonyms Synonyms) Chain(string language)
        {
            // KnowledgeAnalyzer has a French chain and an English one for every other language.
            var family = language == "fr" ? "fr" : "en";
            if (!chains.TryGetValue(family, out var chain))
            {
                var analyzer = new KnowledgeAnalyzer(family, MatcherOptions.Default);
                chains[family] = chain = (analyzer, new Synonyms(synonyms, words => analyzer.Terms("q", normalizer.Normalize(words, family).Text)));
            }

            return chain;
        }

        public void Dispose()
        {
            foreach (var (analyzer, _) in chains.Values)
            {
                analyzer.Dispose();
            }
        }
    }

    /// <summary>A tenant's synonym groups, analysed: each group's words become one term ("~" and the group's position).</summary>
    private sealed class Synonyms
    {
        private readonly Dictionary<string, string> single = new(StringComparer.Ordinal);
        private readonly List<(string[] Terms, string Folded)> phrases = [];

        public Synonyms(IReadOnlyList<IReadOnlyList<string>> groups, Func<string, List<string>> analyse)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var folded = "~" + g.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var words in groups[g])
                {
                    var terms = analyse(words);
                    var wordCount = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                    if (terms.Count == 1 && wordCount == 1)
                    {
                        single.TryAdd(terms[0], folded);
                    }
                    else if (terms.Count > 1)
                    {
                        // A phrase that analyses to a single term ("out of order" → "order") lost its meaning: left out, as in the matcher.
                        phrases.Add(([.. terms.Distinct(StringComparer.Ordinal)], folded));
                    }
                }
            }
        }

        public void Fold(HashSet<string> terms)
        {
            foreach (var (phrase, folded) in phrases)
            {
                if (phrase.All(terms.Contains))
                {
                    terms.ExceptWith(phrase);
                    terms.Add(folded);
                }
            }

            foreach (var term in terms.Where(single.ContainsKey).ToList())
            {
                terms.Remove(term);
                terms.Add(single[term]);
            }
        }
    }
}
