using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Grid.Bot;

/// <summary>
/// One language's in-memory Lucene index of a knowledge base (RAMDirectory, BM25): one document per question
/// phrasing (field <c>q</c>, with the entry's id stored in <c>entry</c>), and one per entry holding its answer's text
/// (field <c>a</c>) and all its phrasings together (field <c>e</c>), both searched with lower weights. A query is
/// normalised and analysed like the phrasings; each of its terms matches itself, its synonyms (the tenant's groups,
/// analysed the same way) and, when the index does not know it, the index's terms one typo away. An entry's score is
/// its best phrasing's score plus the weighted scores of its answer and whole-entry fields.
/// </summary>
internal sealed partial class LanguageIndex : IDisposable
{
    private const string IdField = "entry";
    private const string QuestionField = "q";
    private const string AnswerField = "a";
    private const string WholeEntryField = "e";
    private const float SynonymBoost = 0.9f;
    private const float TypoBoost = 0.8f;
    private const int MinTypoLength = 5;

    /// <summary>A message's first distinct terms that are searched (a long email stays far below Lucene's 1,024 clauses).</summary>
    private const int MaxQueryTerms = 64;

    private readonly MatcherOptions options;
    private readonly TextNormalizer normalizer;
    private readonly KnowledgeAnalyzer analyzer;
    private readonly RAMDirectory directory = new();
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly int[] docEntry;
    private readonly HashSet<string>?[] docTerms;
    private readonly float[] selfScore;
    private readonly List<int>[] entryDocs;
    private readonly HashSet<string> vocabulary = new(StringComparer.Ordinal);
    private readonly HashSet<string> surfaceWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> ownWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> idf = new(StringComparer.Ordinal);
    private readonly List<List<string>[]> synonymGroups = [];
    private readonly int questionDocs;
    private readonly int entryCount;
    private readonly PhrasingClassifier? classifier;
    private readonly float[]?[] docVector;

    /// <summary>The phrasings' vectors as bytes, in <see cref="Questions"/>' order (<see cref="MatcherOptions.SemanticQuantized"/>).</summary>
    private readonly QuantizedVectors? quantized;
    private readonly List<(int Entry, float[] Vector)> answerVectors = [];

    /// <summary>Whether this language's classifier was trained (the scorer is on and the base is phrased richly enough).</summary>
    public bool HasClassifier => classifier is not null;

    /// <summary>Whether this language's phrasings are embedded (<see cref="MatcherOptions.Semantic"/>).</summary>
    public bool HasSemantic { get; }

    public LanguageIndex(string language, IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, MatcherOptions options)
    {
        Language = language;
        this.options = options;
        entryCount = entries.Count;
        normalizer = new TextNormalizer();
        analyzer = new KnowledgeAnalyzer(language, options);
        var similarity = new BM25Similarity(options.K1, options.B);
        var phrasings = new List<(int Entry, string Text, bool Answer)>();
        for (var e = 0; e < entries.Count; e++)
        {
            if (entries[e].Questions.TryGetValue(language, out var questions))
            {
                phrasings.AddRange(questions.Select(q => (e, q, false)));
                if (options.AnswerField || options.EntryField)
                {
                    // One more document per entry: its answer's text, and all its phrasings together.
                    phrasings.Add((e, options.AnswerField ? entries[e].Answers.GetValueOrDefault(language, "") : "", true));
                }
            }
        }

        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = similarity }))
        {
            foreach (var (entry, text, answer) in phrasings)
            {
                var document = new Document
                {
                    new StringField(IdField, entries[entry].Id, Field.Store.YES),
                    new TextField(answer ? AnswerField : QuestionField, Prepare(text), Field.Store.NO),
                };
                if (answer && options.EntryField)
                {
                    document.Add(new TextField(WholeEntryField, Prepare(string.Join(" . ", entries[entry].Questions[language])), Field.Store.NO));
                }

                writer.AddDocument(document);
            }

            writer.ForceMerge(1);
        }

        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = similarity };
        var entryIndex = entries.Select((entry, i) => (entry.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        docEntry = new int[reader.MaxDoc];
        docTerms = new HashSet<string>?[reader.MaxDoc];
        selfScore = new float[reader.MaxDoc];
        entryDocs = [.. entries.Select(_ => new List<int>())];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            // Documents keep their insertion order in the single merged segment; the stored id is the reference.
            docEntry[doc] = entryIndex[reader.Document(doc).Get(IdField)];
            var (_, text, answer) = phrasings[doc];
            var terms = analyzer.Terms(answer ? AnswerField : QuestionField, Prepare(text));
            vocabulary.UnionWith(terms);
            if (!answer)
            {
                questionDocs++;
                docTerms[doc] = [.. terms];
                entryDocs[docEntry[doc]].Add(doc);
            }
        }

        foreach (var term in docTerms.Where(t => t is not null).SelectMany(t => t!).Distinct(StringComparer.Ordinal))
        {
            var df = reader.DocFreq(new Term(QuestionField, term));
            idf[term] = Math.Log(1 + ((questionDocs - df + 0.5) / (df + 0.5)));
        }

        Questions = [.. Enumerable.Range(0, reader.MaxDoc).Where(doc => !phrasings[doc].Answer).Select(doc => (doc, docEntry[doc], phrasings[doc].Text))];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (docTerms[doc] is { Count: > 0 } terms)
            {
                var own = new BooleanQuery();
                foreach (var term in terms)
                {
                    own.Add(new TermQuery(new Term(QuestionField, term)), Occur.SHOULD);
                }

                // The phrasing is almost always its own best hit; Explain (slow) only when it is not among the first.
                var hit = Array.Find(Top(own, 10), h => h.Doc == doc);
                selfScore[doc] = hit?.Score ?? searcher.Explain(own, doc).Value;
            }
        }

        // The words of the base as written (normalised, before stemming), for spelling correction.
        foreach (var text in phrasings.Select(p => p.Text))
        {
            ownWords.UnionWith(normalizer.Normalize(text, language).Tokens.Where(t => t.Length >= MinTypoLength - 1));
        }

        surfaceWords.UnionWith(ownWords);
        foreach (var text in settings.Synonyms.SelectMany(g => g))
        {
            surfaceWords.UnionWith(normalizer.Normalize(text, language).Tokens.Where(t => t.Length >= MinTypoLength - 1));
        }

        if (options.Synonyms)
        {
            foreach (var group in settings.Synonyms)
            {
                // A phrase that analyses to a single term ("out of order" → "order") lost its meaning: it is left out.
                synonymGroups.Add([.. group
                    .Select(words => (Words: words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, Terms: analyzer.Terms(QuestionField, Prepare(words))))
                    .Where(m => m.Terms.Count > 1 || (m.Terms.Count == 1 && m.Words == 1))
                    .Select(m => m.Terms)]);
            }
        }

        docVector = new float[]?[reader.MaxDoc];
        HasSemantic = options.Semantic && options.SemanticLanguages.Contains(language) && Questions.Count > 0;
        if (HasSemantic)
        {
            var vectors = SentenceEmbedder.Shared.EmbedPhrasings([.. Questions.Select(q => options.SemanticNormalized ? Prepare(q.Text) : q.Text)]);
            for (var i = 0; i < Questions.Count; i++)
            {
                docVector[Questions[i].Doc] = vectors[i];
            }

            quantized = options.SemanticQuantized ? new QuantizedVectors(vectors) : null;

            if (options.SemanticAnswers)
            {
                // Each answer's sentences too (not an out-of-scope entry's: it says what the tenant does not do).
                var sentences = Enumerable.Range(0, entries.Count)
                    .Where(e => entries[e].Questions.ContainsKey(language) && !entries[e].Tags.Contains(KnowledgeIndex.OutOfScopeTag, StringComparer.Ordinal))
                    .SelectMany(e => AnswerSentences(entries[e].Answers.GetValueOrDefault(language, "")).Select(sentence => (Entry: e, Text: sentence)))
                    .ToList();
                var answerVectorList = SentenceEmbedder.Shared.EmbedPhrasings([.. sentences.Select(a => options.SemanticNormalized ? Prepare(a.Text) : a.Text)]);
                answerVectors.AddRange(sentences.Select((a, i) => (a.Entry, answerVectorList[i])));
            }

            (SemanticFloor, SemanticCeiling) = options.SemanticCalibrated ? CalibrateRamp(vectors, options) : (options.SemanticFloor, options.SemanticCeiling);
        }

        // With a few phrasings per entry the classifier learns nothing BM25 does not know and is overconfident between
        // near-identical entries: it is trained only on a base phrased richly enough (measured, docs/bot-evaluation.md).
        var entriesHere = Questions.Select(q => q.Entry).Distinct().Count();
        if (options.Scorer && entriesHere > 1 && Questions.Count >= options.ScorerMinPhrasings * entriesHere)
        {
            classifier = PhrasingClassifier.Trained(
                TrainedModelCache.Shared,
                [.. Questions.Select(q => (q.Entry, (IReadOnlyList<(string, float)>)ClassifierTerms(QueryTerms(Prepare(q.Text)))))], options.ScorerL2);
        }
    }

    public string Language { get; }

    /// <summary>
    /// Whether the word (normalised, four letters or more) is one of the base's phrasings' or answers' words in this
    /// language (not the synonyms': a tenant's groups mix languages, "horaires, opening hours").
    /// </summary>
    public bool Knows(string word) => ownWords.Contains(word);

    /// <summary>The question phrasings: document, entry position, text.</summary>
    public IReadOnlyList<(int Doc, int Entry, string Text)> Questions { get; }

    /// <summary>
    /// The entries matching a text, best first (at most <paramref name="top"/>). <paramref name="excludeDoc"/> hides
    /// phrasings (the confidence model's leave-one-out training). With the message's sentence embedding
    /// and its sentences' (<paramref name="vectors"/>, <see cref="KnowledgeIndex.Embed"/>) and <see cref="HasSemantic"/>,
    /// each entry gets its best cosine, and the entries it ranks first are added to the lexical matches.
    /// </summary>
    public IndexSearch Search(string text, int top, Func<int, int, bool>? excludeDoc = null, float[][]? vectors = null)
    {
        var terms = QueryTerms(options.Typos == TypoTolerance.Correction ? Corrected(text) : Prepare(text));
        var semantic = HasSemantic && vectors is { Length: > 0 } ? Semantic(vectors, excludeDoc) : null;
        if (terms.Count == 0 && semantic is null)
        {
            return new IndexSearch(Language, terms, []);
        }

        var alternatives = Alternatives(terms);
        var byEntry = new Dictionary<int, (float Score, int Doc)>();
        foreach (var hit in Top(BuildQuery(QuestionField, terms, alternatives, fuzzy: true), 200))
        {
            var entry = docEntry[hit.Doc];
            if (excludeDoc?.Invoke(entry, hit.Doc) == true)
            {
                continue;
            }

            if (!byEntry.TryGetValue(entry, out var best) || hit.Score > best.Score)
            {
                byEntry[entry] = (hit.Score, hit.Doc);
            }
        }

        var answerScores = new Dictionary<int, float>();
        if (options.AnswerField && byEntry.Count > 0)
        {
            foreach (var hit in Top(BuildQuery(AnswerField, terms, alternatives, fuzzy: false), 100))
            {
                answerScores[docEntry[hit.Doc]] = hit.Score * options.AnswerWeight;
            }
        }

        if (options.EntryField && byEntry.Count > 0 && excludeDoc is null)
        {
            foreach (var hit in Top(BuildQuery(WholeEntryField, terms, alternatives, fuzzy: false), 100))
            {
                answerScores[docEntry[hit.Doc]] = answerScores.GetValueOrDefault(docEntry[hit.Doc]) + (hit.Score * options.EntryWeight);
            }
        }

        var weights = terms.Select(Idf).ToArray();
        var probabilities = classifier?.Probabilities(ClassifierTerms(terms, alternatives), entryCount);
        // Ranked on the score first and only the kept entries measured: an entry's terms and coverage cost a set of
        // all its phrasings' terms, and a 500-entry base gives up to 200 lexical hits for a few kept.
        var matches = byEntry
            .Select(pair => (Entry: pair.Key, pair.Value.Score, pair.Value.Doc, Total: pair.Value.Score + answerScores.GetValueOrDefault(pair.Key)))
            .OrderByDescending(p => p.Total)
            .ThenBy(p => p.Entry)
            .Take(top)
            .Select(p =>
            {
                var (entry, score, doc) = (p.Entry, p.Score, p.Doc);
                var (coverage, holdsEvery) = Coverage(terms, alternatives, weights, EntryTerms(entry, excludeDoc));
                return new EntryMatch(
                    entry,
                    p.Total,
                    score,
                    selfScore[doc] > 0 ? Math.Min(1, score / selfScore[doc]) : 0,
                    coverage,
                    PhrasingCoverage(terms, alternatives, docTerms[doc]!),
                    probabilities?[entry] ?? 0,
                    semantic?[entry].Cosine ?? 0,
                    holdsEvery);
            })
            .ToList();
        if (semantic is not null)
        {
            // The entries closest in meaning are candidates even when no word of theirs is in the message.
            foreach (var (entry, (cosine, doc)) in semantic.Select((s, e) => (e, s)).Where(p => p.s.Doc >= 0)
                .OrderByDescending(p => p.s.Cosine).ThenBy(p => p.e).Take(options.SemanticCandidates))
            {
                if (matches.TrueForAll(m => m.Entry != entry))
                {
                    var (coverage, holdsEvery) = Coverage(terms, alternatives, weights, EntryTerms(entry, excludeDoc));
                    matches.Add(new EntryMatch(entry, 0, 0, 0, coverage, PhrasingCoverage(terms, alternatives, docTerms[doc]!), probabilities?[entry] ?? 0, cosine, holdsEvery));
                }
            }
        }

        return new IndexSearch(Language, terms, matches);
    }

    /// <summary>
    /// The best <paramref name="top"/> documents for a query, scored in document order. Lucene would otherwise score a
    /// query of optional clauses out of order with a table of 2,048 buckets allocated per search (three searches per
    /// message), 2 % of the host's CPU in the ingest profile (docs/benchmarks.md). The scores are the same sums.
    /// </summary>
    private ScoreDoc[] Top(Query query, int top)
    {
        var collector = TopScoreDocCollector.Create(top, docsScoredInOrder: true);
        searcher.Search(query, collector);
        return collector.GetTopDocs().ScoreDocs;
    }

    /// <summary>A prepared text's distinct analysed terms, in order (the first <see cref="MaxQueryTerms"/>).</summary>
    private List<string> QueryTerms(string prepared) =>
        analyzer.Terms(QuestionField, prepared).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();

    /// <summary>The classifier's view of a text: its terms, then their synonyms (weighted like in the query).</summary>
    private List<(string Term, float Weight)> ClassifierTerms(List<string> terms, List<(string Term, float Boost, bool Typo)>[]? alternatives = null)
    {
        alternatives ??= Alternatives(terms);
        var weighted = terms.Select(t => (t, 1f)).ToList();
        weighted.AddRange(alternatives.SelectMany(a => a).Where(a => !a.Typo).Select(a => (a.Term, a.Boost)).DistinctBy(a => a.Term));
        return weighted;
    }

    public void Dispose()
    {
        reader.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }
}
