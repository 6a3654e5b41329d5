using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Grid.Bot;

/// <summary>
/// The query side of <see cref="LanguageIndex"/>: a message normalised (SMS spellings), its spelling corrected against
/// the base's words, each term's alternatives (synonyms, typo forms), and the Lucene query over one field.
/// </summary>
internal sealed partial class LanguageIndex
{
    private string Prepare(string text) => options.Sms ? normalizer.Normalize(text, Language).Text : text;

    /// <summary>
    /// The normalised text with each word the base does not know, as written nor once stemmed (5 letters or more),
    /// replaced by the base's words one typo away, when there are any ("factrue" → "facture", "elevtor" → "elevator"):
    /// spelling is corrected before stemming, which a typo would otherwise derail.
    /// </summary>
    private string Corrected(string text)
    {
        var normalized = new TextNormalizer(options.Sms).Normalize(text, Language);
        return string.Join(" . ", normalized.Clauses.Select(clause => string.Join(' ', clause.Select(Correct))));

        string Correct(string word)
        {
            if (word.Length < MinTypoLength || surfaceWords.Contains(word) || word.Any(char.IsDigit)
                || analyzer.Terms(QuestionField, word).All(vocabulary.Contains))
            {
                return word; // known as written, or once stemmed ("deliver" is "delivery"'s stem), or a stop word
            }

            var corrections = surfaceWords.Where(known => EditDistance.AtMostOne(word, known)).ToList();
            return corrections.Count == 0 ? word : string.Join(' ', corrections);
        }
    }

    /// <summary>Each query term's other forms: its synonyms, and index terms one typo away when the index does not know it.</summary>
    private List<(string Term, float Boost, bool Typo)>[] Alternatives(List<string> terms)
    {
        var alternatives = terms.Select(_ => new List<(string, float, bool)>()).ToArray();
        foreach (var group in synonymGroups)
        {
            foreach (var member in group)
            {
                var first = terms.IndexOf(member[0]);
                if (first < 0 || !member.All(terms.Contains))
                {
                    continue;
                }

                foreach (var other in group.Where(o => o != member).SelectMany(o => o).Where(t => !terms.Contains(t)))
                {
                    alternatives[first].Add((other, SynonymBoost, false));
                }
            }
        }

        if (options.Typos == TypoTolerance.Fuzzy)
        {
            for (var i = 0; i < terms.Count; i++)
            {
                if (terms[i].Length >= MinTypoLength && !vocabulary.Contains(terms[i]))
                {
                    alternatives[i].AddRange(vocabulary.Where(v => EditDistance.AtMostOne(terms[i], v)).Select(v => (v, TypoBoost, true)));
                }
            }
        }

        return alternatives;
    }

    private Query BuildQuery(string field, List<string> terms, List<(string Term, float Boost, bool Typo)>[] alternatives, bool fuzzy)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < terms.Count; i++)
        {
            Query exact = new TermQuery(new Term(field, terms[i]));
            var useFuzzy = fuzzy && options.Typos == TypoTolerance.Fuzzy && terms[i].Length >= MinTypoLength && !vocabulary.Contains(terms[i]);
            if (useFuzzy)
            {
                exact = new FuzzyQuery(new Term(field, terms[i]), maxEdits: 1, prefixLength: 0, maxExpansions: 10, transpositions: true)
                {
                    MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(10),
                    Boost = TypoBoost,
                };
            }

            // The fuzzy query already reaches the terms one typo away; the list's typo forms serve the other fields.
            var forms = alternatives[i].Where(a => !useFuzzy || !a.Typo).ToList();
            if (forms.Count == 0)
            {
                query.Add(exact, Occur.SHOULD);
                continue;
            }

            var any = new DisjunctionMaxQuery(0f) { exact };
            foreach (var (term, boost, _) in forms)
            {
                any.Add(new TermQuery(new Term(field, term)) { Boost = boost });
            }

            query.Add(any, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>A term's inverse document frequency among the phrasings (the rarest weight for a term the index does not know).</summary>
    private double Idf(string term) => idf.TryGetValue(term, out var known) ? known : Math.Log(1 + ((questionDocs + 0.5) / 0.5));

    private static bool Matches(string term, List<(string Term, float Boost, bool Typo)> alternatives, HashSet<string> terms) =>
        terms.Contains(term) || alternatives.Exists(a => terms.Contains(a.Term));

    /// <summary>The terms of an entry's phrasings (those not hidden).</summary>
    private HashSet<string> EntryTerms(int entry, Func<int, int, bool>? excludeDoc)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in entryDocs[entry])
        {
            if (excludeDoc?.Invoke(entry, doc) != true)
            {
                terms.UnionWith(docTerms[doc]!);
            }
        }

        return terms;
    }

    /// <summary>
    /// The query's coverage by an entry's terms (<see cref="EntryMatch.QueryCoverage"/>) and whether they hold every
    /// query term as written (<see cref="EntryMatch.HoldsEveryTerm"/>), from one set of the entry's terms.
    /// </summary>
    private static (double Coverage, bool HoldsEvery) Coverage(List<string> terms, List<(string Term, float Boost, bool Typo)>[] alternatives, double[] weights, HashSet<string> entryTerms) =>
        (QueryCoverage(terms, alternatives, weights, entryTerms), terms.Count > 0 && terms.TrueForAll(entryTerms.Contains));

    private static double QueryCoverage(List<string> terms, List<(string Term, float Boost, bool Typo)>[] alternatives, double[] weights, HashSet<string> matched)
    {
        double hit = 0, all = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            all += weights[i];
            hit += Matches(terms[i], alternatives[i], matched) ? weights[i] : 0;
        }

        return all > 0 ? hit / all : 0;
    }

    private double PhrasingCoverage(List<string> terms, List<(string Term, float Boost, bool Typo)>[] alternatives, HashSet<string> phrasing)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            if (phrasing.Contains(terms[i]))
            {
                reached.Add(terms[i]);
            }

            reached.UnionWith(alternatives[i].Select(a => a.Term).Where(phrasing.Contains));
        }

        double hit = 0, all = 0;
        foreach (var term in phrasing)
        {
            var weight = Idf(term);
            all += weight;
            hit += reached.Contains(term) ? weight : 0;
        }

        return all > 0 ? hit / all : 0;
    }
}
