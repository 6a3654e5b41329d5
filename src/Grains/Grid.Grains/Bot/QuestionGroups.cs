using System.Text;

namespace Grid.Bot;

/// <summary>
/// Groups the customers' messages the bot could not answer so that the same question asked in different words counts
/// once. Pure and deterministic (the same misses and synonyms give the same groups, in the same order).
/// <para>
/// Each text becomes a set of content terms: normalised like the bot's input (<see cref="TextNormalizer"/>: accents,
/// SMS spellings, contractions), spelling slips corrected towards the period's more frequent words one typo away
/// (words of 5 letters or more, before stemming, as the matcher does), words of time and insistence left out
/// (<see cref="BotLexicon.QuestionGroupStopWords"/>), then the matcher's analysis chain for the text's language
/// (<see cref="KnowledgeAnalyzer"/>: stop words, French plurals or Porter stems), terms with digits left out (order and
/// invoice numbers are not the question), and the tenant's synonym groups folded into one term each (a multi-word
/// synonym when all its words are there).
/// </para>
/// <para>
/// Sets are then clustered greedily, the sets of two terms or more first and the most frequent first: a set joins the
/// group holding the set it is most similar to (Jaccard, at least <see cref="Threshold"/>) provided it shares a term
/// with the group's first set (so that a group cannot drift, one similar set after another, to another subject); a set
/// of one term joins a group but never draws others into it. A text without any content term is grouped only with the
/// same text.
/// </para>
/// <para>
/// What it cannot do: it is lexical. Two phrasings that share no content word ("toujours pas reçu ma commande" and "mon
/// colis n'est pas arrivé") stay apart unless the tenant's synonyms join their words or a third phrasing shares enough
/// with both; words that differ by more than one typo or by a stem the analyser does not conflate ("reçu" and
/// "recevoir") are different words; and two questions that share most of their words but differ by the one that
/// matters ("annuler" or "modifier" a two-word order) stay apart only when that word is half of what they say.
/// </para>
/// </summary>
internal static partial class QuestionGroups
{
    /// <summary>The Jaccard similarity of two term sets from which they are the same question.</summary>
    public const double Threshold = 0.5;

    private const int MinCorrectedLength = 5;

    /// <summary>
    /// The groups of <paramref name="misses"/>, the largest first (then the most recent), with
    /// <paramref name="synonyms"/> the tenant's synonym groups (<see cref="KnowledgeSettings.Synonyms"/>).
    /// </summary>
    public static IReadOnlyList<UnansweredQuestionGroup> Group(IReadOnlyList<UnansweredQuestion> misses, IReadOnlyList<IReadOnlyList<string>> synonyms)
    {
        if (misses.Count == 0)
        {
            return [];
        }

        using var analysis = new Analysis(synonyms);
        var normalized = misses.Select(m => analysis.Normalize(m)).ToList();
        var corrections = Corrections(normalized);
        var forms = new Dictionary<string, Form>(StringComparer.Ordinal);
        for (var i = 0; i < misses.Count; i++)
        {
            var terms = analysis.Terms(misses[i].Language, normalized[i], corrections);
            var key = terms.Count > 0 ? string.Join(' ', terms.Order(StringComparer.Ordinal)) : "\u0001" + TextNormalizer.Fold(misses[i].Text).Trim();
            if (!forms.TryGetValue(key, out var form))
            {
                forms[key] = form = new Form(key, terms);
            }

            form.Misses.Add(misses[i]);
        }

        var clusters = ClusterForms(forms.Values);
        return [.. clusters
            .Select(Describe)
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastSeen)
            .ThenBy(g => g.Representative, StringComparer.Ordinal)];
    }

    /// <summary>The Jaccard similarity of two term sets: the terms they share over the terms either has.</summary>
    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static List<Cluster> ClusterForms(IEnumerable<Form> forms)
    {
        var ordered = forms
            .OrderBy(f => f.Terms.Count >= 2 ? 0 : 1)
            .ThenByDescending(f => f.Misses.Count)
            .ThenBy(f => f.Misses.Min(m => m.At))
            .ThenBy(f => f.Key, StringComparer.Ordinal);
        var clusters = new List<Cluster>();
        var anchorsByTerm = new Dictionary<string, List<(Cluster Cluster, Form Anchor)>>(StringComparer.Ordinal);
        foreach (var form in ordered)
        {
            var best = form.Terms.Count == 0 ? null : BestCluster(form, anchorsByTerm);
            if (best is null)
            {
                best = new Cluster(form);
                clusters.Add(best);
                Anchor(best, form);
                continue;
            }

            best.Forms.Add(form);
            if (form.Terms.Count >= 2)
            {
                Anchor(best, form);
            }
        }

        return clusters;

        void Anchor(Cluster cluster, Form form)
        {
            foreach (var term in form.Terms)
            {
                if (!anchorsByTerm.TryGetValue(term, out var anchors))
                {
                    anchorsByTerm[term] = anchors = [];
                }

                anchors.Add((cluster, form));
            }
        }
    }

    private static Cluster? BestCluster(Form form, Dictionary<string, List<(Cluster Cluster, Form Anchor)>> anchorsByTerm)
    {
        Cluster? best = null;
        var bestSimilarity = 0.0;
        foreach (var term in form.Terms)
        {
            if (!anchorsByTerm.TryGetValue(term, out var anchors))
            {
                continue;
            }

            foreach (var (cluster, anchor) in anchors)
            {
                var similarity = Similarity(form.Terms, anchor.Terms);
                if (similarity < Threshold || !cluster.Seed.Terms.Overlaps(form.Terms))
                {
                    continue;
                }

                if (best is null || similarity > bestSimilarity || (similarity == bestSimilarity && cluster.Count > best.Count))
                {
                    (best, bestSimilarity) = (cluster, similarity);
                }
            }
        }

        return best;
    }

    private static UnansweredQuestionGroup Describe(Cluster cluster)
    {
        var all = cluster.Forms.SelectMany(f => f.Misses).ToList();
        var frequency = WordFrequency(all);
        var representative = Wordings(cluster.Seed.Misses, frequency)[0];
        var examples = Wordings(all, frequency)
            .Where(w => w.Key != representative.Key)
            .Take(UnansweredLimits.MaxExamples)
            .Select(w => w.Text)
            .ToList();
        return new UnansweredQuestionGroup(
            representative.Text,
            all.Count,
            [.. all.Select(m => m.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            all.Min(m => m.At),
            all.Max(m => m.At),
            examples);
    }

    /// <summary>
    /// Distinct wordings (case, accents and punctuation aside), each as last written: the most frequent first, then the
    /// most central (whose words the group uses most: a wording with a slip comes after the same words spelled right),
    /// then the latest.
    /// </summary>
    private static List<(string Key, string Text)> Wordings(IEnumerable<UnansweredQuestion> misses, Dictionary<string, int> wordFrequency) =>
        [.. misses
            .GroupBy(m => Display(m.Text), StringComparer.Ordinal)
            .Select(g => (g.Key, Count: g.Count(), Centrality: Centrality(g.Key, wordFrequency), Latest: g.MaxBy(m => m.At)!))
            .OrderByDescending(w => w.Count)
            .ThenByDescending(w => w.Centrality)
            .ThenByDescending(w => w.Latest.At)
            .ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (w.Key, w.Latest.Text.Trim()))];

    private static double Centrality(string wording, Dictionary<string, int> wordFrequency)
    {
        var words = wording.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        return words.Count == 0 ? 0 : words.Average(w => wordFrequency.GetValueOrDefault(w));
    }

    /// <summary>In how many of the misses' wordings each word appears.</summary>
    private static Dictionary<string, int> WordFrequency(IEnumerable<UnansweredQuestion> misses)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in misses.SelectMany(m => Display(m.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }

        return frequency;
    }

    /// <summary>
    /// A text's words folded (case, accents) without punctuation: two wordings that differ only there are one. A text
    /// without letters or digits is itself, folded and trimmed.
    /// </summary>
    private static string Display(string text)
    {
        var folded = TextNormalizer.Fold(text);
        var letters = folded.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        var words = new string(letters).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? string.Join(' ', words) : folded.Trim();
    }

    /// <summary>Misses with the same content terms.</summary>
    private sealed class Form(string key, HashSet<string> terms)
    {
        public string Key { get; } = key;

        public HashSet<string> Terms { get; } = terms;

        public List<UnansweredQuestion> Misses { get; } = [];
    }

    private sealed class Cluster(Form seed)
    {
        public Form Seed { get; } = seed;

        public List<Form> Forms { get; } = [seed];

        public int Count => Forms.Sum(f => f.Misses.Count);
    }
}
