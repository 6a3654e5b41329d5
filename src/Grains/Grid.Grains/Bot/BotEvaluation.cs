using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// Runs evaluation cases through the matcher and reports, per language: right answers on answerable cases (and
/// clarifications offering the right entry, counted apart), abstention on cases the knowledge base does not cover,
/// human-request recall and precision, the errors (expected → got), an ablation of the matcher's mechanisms, and the
/// matching time per message with a 500-entry knowledge base. Messages are decided with no language given: detection
/// is part of what is evaluated.
/// </summary>
/// <remarks>
/// <c>shipped</c> replaces <see cref="MatcherOptions.Default"/> as the matcher evaluated; when it holds a
/// <see cref="MatcherOptions.DecisionModel"/>, every variant that runs the learned decision uses that model.
/// </remarks>
internal sealed partial class BotEvaluation(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, IReadOnlyList<EvaluationCase> cases, MatcherOptions? shipped = null)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The ablation's steps: each adds one mechanism to the one before (the last is the production matcher).</summary>
    public static IReadOnlyList<(string Name, MatcherOptions Options)> Ablation { get; } = BuildAblation();

    public EvaluationTally Run(MatcherOptions? options = null)
    {
        using var index = new KnowledgeIndex(entries, settings, WithModel(options));
        return Run(index);
    }

    /// <summary>The cases decided with an index already built (of these entries and settings): tests share one.</summary>
    public EvaluationTally Run(KnowledgeIndex index)
    {
        var matcher = new KnowledgeMatcher(index, new StopWordLanguageDetector());
        return new EvaluationTally([.. cases.Select(c => new CaseOutcome(c, matcher.Decide(c.Text)))]);
    }

    /// <summary>The options of a run: the shipped ones when none are given; a variant's with the shipped decision model.</summary>
    private MatcherOptions WithModel(MatcherOptions? options) =>
        options is null ? shipped ?? MatcherOptions.Default
        : shipped?.DecisionModel is { } model ? options with { DecisionModel = model }
        : options;

    /// <summary>
    /// The learned decision's training rows from these cases (<see cref="DecisionModel"/>): for each answerable or
    /// uncovered message the matcher would rank (not a person request, not silenced or vetoed, in a language with the
    /// semantic signal), its three best entries by hand-made confidence, each with its <see cref="DecisionFeatures"/>
    /// and whether it is the case's entry.
    /// </summary>
    public List<(float[] Features, bool Right)> DecisionRows()
    {
        using var index = new KnowledgeIndex(entries, settings, MatcherOptions.Default);
        var matcher = new KnowledgeMatcher(index, new StopWordLanguageDetector());
        var rows = new List<(float[] Features, bool Right)>();
        foreach (var c in cases.Where(c => c.Expect is "answer" or "none"))
        {
            var decision = matcher.Decide(c.Text);
            if (decision.Kind == BotDecisionKind.Human || matcher.Silenced(c.Text)
                || matcher.Score(c.Text, decision.Language, index.Embed(c.Text, decision.Language), features: true) is not ({ Matches.Count: > 0 } search, var handMade, { } features)
                || matcher.Vetoed(KnowledgeMatcher.Ordered(search, handMade, handMade, learned: false)))
            {
                continue;
            }

            foreach (var rank in Enumerable.Range(0, search.Matches.Count).OrderByDescending(r => handMade[r]).ThenBy(r => search.Matches[r].Entry).Take(3))
            {
                var right = c.Expect == "answer" && index.Entries[search.Matches[rank].Entry].Id == c.Entry;
                rows.Add((features[rank], right));
            }
        }

        return rows;
    }

    /// <summary>
    /// Matching time per message (every case, several rounds) against a knowledge base grown to <paramref name="size"/>
    /// entries, each message's embedding included (the cache of recent messages is emptied before each decision).
    /// </summary>
    public (double P50Ms, double P99Ms, double BuildMs) Time(int size, int rounds = 5, MatcherOptions? options = null)
    {
        var grown = SyntheticKnowledgeBase.Grow(entries, size);
        options = WithModel(options);
        new KnowledgeIndex(grown, settings, options).Dispose(); // the first build also compiles Lucene's code
        var build = Stopwatch.StartNew();
        using var index = new KnowledgeIndex(grown, settings, options);
        build.Stop();
        var matcher = new KnowledgeMatcher(index, new StopWordLanguageDetector());
        foreach (var c in cases)
        {
            matcher.Decide(c.Text); // warm-up
        }

        var times = new List<double>(cases.Count * rounds);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var c in cases)
            {
                SentenceEmbedder.Shared.ForgetMessages(); // each message embedded, as one that arrives once is
                var start = Stopwatch.GetTimestamp();
                matcher.Decide(c.Text);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[(int)(times.Count * 0.50)], times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))], build.Elapsed.TotalMilliseconds);
    }

    /// <summary>The Markdown report: headline per language, ablation, timing, errors.</summary>
    public string Report(int timingSize = 500)
    {
        var result = Run();
        var text = new StringBuilder();
        text.AppendLine("# Bot matcher evaluation").AppendLine();
        text.Append(Invariant, $"{entries.Count} knowledge-base entries, {cases.Count} cases, threshold {settings.Threshold:0.00}, ")
            .Append(Invariant, $"{settings.Synonyms.Count} synonym groups, default language {settings.DefaultLanguage}. ")
            .AppendLine("Each message is decided with no language given (the matcher detects it).").AppendLine();

        text.AppendLine("## Headline").AppendLine();
        text.AppendLine("| | fr | en | all |").AppendLine("|---|---|---|---|");
        var tallies = new[] { "fr", "en" }.Select(l => new EvaluationTally([.. result.Outcomes.Where(o => o.Case.Language == l)])).Append(result).ToList();
        Row("right answers on answerable cases", t => Count(t.Right, t.Answerable));
        Row("clarified (the right entry offered)", t => Count(t.Clarified, t.Answerable));
        Row("right or clarified", t => Count(t.Right + t.Clarified, t.Answerable));
        Row("wrong answers on answerable cases", t => Count(t.WrongAnswers, t.Answerable));
        Row("abstention on uncovered cases", t => Count(t.Abstained, t.Uncovered));
        Row("human requests recognised (recall)", t => Count(t.HumansRecognised, t.HumanRequests));
        Row("human decisions that were requests (precision)", t => Count(t.HumansRecognised, t.HumanDecisions));
        Row("language detected (decision in the case's language)", t => Count(t.LanguageRight, t.Outcomes.Count));
        text.AppendLine();

        text.AppendLine("## Ablation").AppendLine();
        text.AppendLine("Each row adds one mechanism to the row above; the last row is the matcher as shipped. Same threshold throughout.").AppendLine();
        text.AppendLine("| mechanisms | right | clarified | wrong answers | abstention | human recall |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, options) in Ablation)
        {
            var t = Run(options);
            text.AppendLine(Invariant, $"| {name} | {Percent(t.Accuracy)} | {Percent(Share(t.Clarified, t.Answerable))} | {t.WrongAnswers} | {Percent(t.Abstention)} | {Percent(t.HumanRecall)} |");
        }

        text.AppendLine().AppendLine("## Threshold").AppendLine();
        text.AppendLine("The shipped matcher at other thresholds: answering more against staying silent more.").AppendLine();
        text.Append(Sweep(Enumerable.Range(0, 9).Select(i => 0.3 + (i * 0.05))));
        text.AppendLine().AppendLine("## Choices").AppendLine();
        text.AppendLine("The shipped matcher with one choice changed (to choose by measurement).").AppendLine();
        text.Append(Compare(Choices));
        text.AppendLine();
        var (p50, p99, buildMs) = Time(timingSize);
        text.AppendLine("## Matching time").AppendLine();
        text.Append(Invariant, $"With {timingSize} entries (the base copied with altered ids and words), every case decided 5 times after a warm-up, one thread, its embedding included: ")
            .AppendLine(Invariant, $"p50 {p50:0.000} ms, p99 {p99:0.000} ms per message. Building the index took {buildMs:0} ms.").AppendLine();
        var (plainP50, plainP99, plainBuildMs) = Time(timingSize, options: MatcherOptions.Default with { Scorer = !MatcherOptions.Default.Scorer });
        text.AppendLine(Invariant, $"{(MatcherOptions.Default.Scorer ? "Without" : "With")} the trained scorer: p50 {plainP50:0.000} ms, p99 {plainP99:0.000} ms per message; building the index took {plainBuildMs:0} ms.").AppendLine();

        text.Append(Errors(result));
        return text.ToString();

        void Row(string name, Func<EvaluationTally, string> value) =>
            text.AppendLine(Invariant, $"| {name} | {string.Join(" | ", tallies.Select(value))} |");
    }

    /// <summary>The report's error and clarification tables: every case not decided as expected, every clarified one.</summary>
    public string Errors(EvaluationTally? result = null)
    {
        result ??= Run();
        var text = new StringBuilder();
        text.AppendLine("## Errors").AppendLine();
        text.AppendLine("| lang | expected | got | text |").AppendLine("|---|---|---|---|");
        foreach (var o in result.Outcomes.Where(o => !o.Expected))
        {
            text.AppendLine(Invariant, $"| {o.Case.Language} | {o.ExpectedText} | {o.Got} | {o.Case.Text.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine().AppendLine("## Clarified").AppendLine();
        text.AppendLine("| lang | expected | got | text |").AppendLine("|---|---|---|---|");
        foreach (var o in result.Outcomes.Where(o => o.Clarified))
        {
            text.AppendLine(Invariant, $"| {o.Case.Language} | {o.ExpectedText} | {o.Got} | {o.Case.Text.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }

    /// <summary>
    /// One line a case, tab-separated: the language, what was expected, the decision, and its three best candidates
    /// with their confidences (a tenant reads where its threshold sits between right and wrong first entries).
    /// </summary>
    public string Candidates(EvaluationTally? result = null)
    {
        result ??= Run();
        var text = new StringBuilder();
        text.AppendLine("lang\texpected\tdecision\tfirst\tconfidence\tsecond\tconfidence\tthird\tconfidence");
        foreach (var o in result.Outcomes)
        {
            text.Append(Invariant, $"{o.Case.Language}\t{o.ExpectedText}\t{o.Decision.Kind}");
            foreach (var c in o.Decision.Candidates.Take(3))
            {
                text.Append(Invariant, $"\t{c.EntryId}\t{c.Confidence:0.000}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// One line a case, tab-separated, for tuning the person-request bars: what was expected, the decision, its entry and
    /// confidence, the human-request rule that fired, the learnt model's probability and its gate (ruled out,
    /// names a person, names none).
    /// </summary>
    public string Signals()
    {
        using var index = new KnowledgeIndex(entries, settings, WithModel(null));
        var matcher = new KnowledgeMatcher(index, new StopWordLanguageDetector());
        var normalizer = new TextNormalizer(index.Options.Sms);
        var people = new HumanRequestDetector();
        var text = new StringBuilder();
        text.AppendLine("lang\texpected\tentry\tdecision\tanswer\tconfidence\trule\tmodel\tgate");
        foreach (var c in cases)
        {
            var decision = matcher.Decide(c.Text);
            var normalized = normalizer.Normalize(c.Text, decision.Language);
            text.AppendLine(Invariant, $"{c.Language}\t{c.Expect}\t{c.Entry ?? "-"}\t{decision.Kind}\t{decision.EntryId ?? "-"}\t{decision.Confidence:0.000}\t{people.Rule(normalized) ?? "-"}\t{HumanRequestModel.Shared.Probability(normalized):0.000}\t{Gate(people, normalized)}");
        }

        return text.ToString();
    }

    /// <summary>
    /// The person-request signals alone, without deciding (no index, no embedding: seconds for a set), each case read in
    /// its labelled language: what was expected, the rule that fired, the learnt model's probability and its gate.
    /// </summary>
    public string ModelSignals()
    {
        var normalizer = new TextNormalizer(MatcherOptions.Default.Sms);
        var people = new HumanRequestDetector();
        var text = new StringBuilder();
        text.AppendLine("lang\texpected\trule\tmodel\tgate");
        foreach (var c in cases)
        {
            var normalized = normalizer.Normalize(c.Text, c.Language);
            text.AppendLine(Invariant, $"{c.Language}\t{c.Expect}\t{people.Rule(normalized) ?? "-"}\t{HumanRequestModel.Shared.Probability(normalized):0.000}\t{Gate(people, normalized)}");
        }

        return text.ToString();
    }

    /// <summary>Which bar of the learnt model a message is held to: ruled out, names a person, names none.</summary>
    private static string Gate(HumanRequestDetector people, NormalizedText normalized) =>
        people.RulesOut(normalized) ? "ruled-out" : people.MayAsk(normalized) ? "named" : "unnamed";

    /// <summary>A Markdown table of the shipped matcher's tallies at several thresholds (the trade-off between answering and abstaining).</summary>
    public string Sweep(IEnumerable<double> thresholds)
    {
        var text = new StringBuilder();
        text.AppendLine("| threshold | right | clarified | wrong answers | abstention |").AppendLine("|---|---|---|---|---|");
        foreach (var threshold in thresholds)
        {
            var t = new BotEvaluation(entries, settings with { Threshold = threshold }, cases, shipped).Run();
            text.AppendLine(Invariant, $"| {threshold:0.00} | {Percent(t.Accuracy)} | {Percent(Share(t.Clarified, t.Answerable))} | {t.WrongAnswers} | {Percent(t.Abstention)} |");
        }

        return text.ToString();
    }

    /// <summary>A Markdown table of the tallies of some matcher variants.</summary>
    public string Compare(IEnumerable<(string Name, MatcherOptions Options)> variants)
    {
        var text = new StringBuilder();
        text.AppendLine("| variant | right | clarified | wrong answers | abstention | human recall | human precision |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, options) in variants)
        {
            var t = Run(ReferenceEquals(options, MatcherOptions.Default) ? null : options); // "shipped": the matcher evaluated
            text.AppendLine(Invariant, $"| {name} | {Percent(t.Accuracy)} | {Percent(Share(t.Clarified, t.Answerable))} | {t.WrongAnswers} | {Percent(t.Abstention)} | {Percent(t.HumanRecall)} | {Percent(t.HumanPrecision)} |");
        }

        return text.ToString();
    }

    private static string Count(int part, int whole) => $"{part}/{whole} ({Percent(Share(part, whole))})";

    private static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + "%";

    private static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static List<(string, MatcherOptions)> BuildAblation()
    {
        var plain = new MatcherOptions
        {
            Stemming = false,
            Sms = false,
            Synonyms = false,
            Typos = TypoTolerance.None,
            AnswerField = false,
            EntryField = false,
            CrossLanguage = false,
            Confidence = ConfidenceKind.Basic,
            Semantic = false,
        };
        var stemmed = plain with { Stemming = true };
        var sms = stemmed with { Sms = true, Synonyms = true };
        var typos = sms with { Typos = TypoTolerance.Correction };
        var answers = typos with { AnswerField = true, EntryField = true, CrossLanguage = true };
        return
        [
            ("plain BM25 (lowercase, Lucene stop words)", plain),
            ("+ elision, folding, stop words, stemming", stemmed),
            ("+ SMS, contractions, synonyms", sms),
            ("+ typo tolerance (spelling correction)", typos),
            ("+ answer and whole-entry fields, other languages", answers),
            ("+ calibrated confidence", MatcherOptions.Default with { Semantic = false }),
            ("+ sentence embeddings (shipped)", MatcherOptions.Default),
        ];
    }
}
