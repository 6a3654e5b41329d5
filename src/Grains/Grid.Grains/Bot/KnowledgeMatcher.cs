using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// Decides what the bot does with one customer message: <see cref="BotDecisionKind.Human"/> when the customer asks
/// for a person (a rule of <see cref="HumanRequestDetector"/>; the learnt model, <see cref="HumanRequestModel"/>, where it
/// is sure enough to outrank the base's answer; or, when the base has no answer, the model at lower bars and the
/// message's meaning: <see cref="HumanRequestMeaning"/>); otherwise the knowledge base's entries are ranked in the message's language (then in the others when
/// that finds nothing confident) and given a confidence (<see cref="MatchConfidence"/>).
/// <see cref="BotDecisionKind.Answer"/> when the best entry reaches the tenant's threshold and is clearly ahead of the
/// others (in confidence, or in BM25 score); <see cref="BotDecisionKind.Clarify"/> when two or three entries are close
/// and above a lower bar; <see cref="BotDecisionKind.NoMatch"/> otherwise — never a guess. Deterministic and
/// thread-safe.
/// </summary>
internal sealed class KnowledgeMatcher(KnowledgeIndex index, ILanguageDetector detector) : IBotMatcher
{
    private const int MaxCandidates = 3;

    private readonly TextNormalizer normalizer = new(index.Options.Sms);
    private readonly HumanRequestDetector humans = new();
    private readonly OutOfScopeTerms outOfScope = new(index.Settings.OutOfScope);

    public KnowledgeIndex Index { get; } = index;

    /// <summary>
    /// The decision for <paramref name="text"/>. <paramref name="language"/> is the conversation's language so far: the
    /// message's own language is detected, falling back to it (then to the tenant's default) when the text says too little.
    /// </summary>
    public BotDecision Decide(string text, string? language = null)
    {
        var detected = DetectLanguage(text, language);
        var normalized = normalizer.Normalize(text, detected);
        var options = Index.Options;
        var modelOn = options.HumanModelBar <= 1 || options.HumanModelOverAnswer <= 1 || options.HumanModelUnnamedBar <= 1
            || options.HumanRuleVeto > 0 || options.HumanSignalVeto > 0;
        var ruledOut = modelOn && humans.RulesOut(normalized);
        var probability = modelOn ? HumanRequestModel.Shared.Probability(normalized) : 1;

        // A rule's request stands unless the learnt model finds it most unlike a request (a thanks, a question about the bot).
        if (humans.IsRequest(normalized) && probability >= options.HumanRuleVeto)
        {
            return new BotDecision(BotDecisionKind.Human, detected, []);
        }

        if (Silenced(text))
        {
            return new BotDecision(BotDecisionKind.NoMatch, detected, []);
        }

        // A person asked for in words no rule knows: the learnt model, sure enough to outrank an answer.
        // Where only a telling rules a request out (a past call, speech reported), the model may still read one: in the
        // whole message when it is sure of it, else in the clauses that tell nothing.
        var learnt = ruledOut && (probability < options.HumanRuledOutBar || !humans.OnlyTellingsMayRuleOut(normalized)) ? 0 : probability;
        var named = modelOn && learnt > 0 && humans.MayAsk(normalized);
        var pastTelling = ruledOut && learnt > 0; // the whole message read past a telling: held to its own bar
        if (learnt == 0 && ruledOut && options.HumanUntoldBar <= 1 && humans.Untold(normalized) is { } untold)
        {
            var untoldProbability = HumanRequestModel.Shared.Probability(untold);
            var untoldNamed = humans.MayAsk(untold);
            if (untoldProbability >= Math.Max(options.HumanUntoldBar, LearntBar(untoldNamed, pastTelling: false)))
            {
                (learnt, named) = (untoldProbability, untoldNamed);
            }
        }

        if (modelOn && options.HumanModelBySentence && learnt < LearntBar(named, pastTelling) && BySentence(text, detected) is { } sentence)
        {
            (learnt, named, pastTelling) = (sentence.Probability, sentence.MayAsk, false);
        }

        if (named && learnt >= options.HumanModelOverAnswer)
        {
            return new BotDecision(BotDecisionKind.Human, detected, []);
        }

        var vectors = Index.Embeds ? Index.Embed(text, detected) : null;
        var decision = DecideEntry(text, detected, vectors, out var vetoed);
        if (decision.Kind == BotDecisionKind.Answer)
        {
            return modelOn && OutranksAnswer(normalized, decision, Math.Min(learnt, probability), named, ruledOut) ? new BotDecision(BotDecisionKind.Human, detected, []) : decision;
        }

        // A person asked for in an order no rule knows, and nothing to answer: by its words, its meaning, the learnt model.
        // The looser signals (talk words, meaning) hold only where the model does not find the message unlike a request.
        if ((modelOn && learnt >= LearntBar(named, pastTelling))
            || (probability >= options.HumanSignalVeto
                && ((options.HumanTalk && humans.AsksToTalk(normalized))
                    || (options.HumanByName && NamedPersonRequest.AsksForSomeoneByName(text))
                    || (vectors is not null && options.HumanMeaning
                        && HumanRequestMeaning.Shared.IsRequest(normalized, () => vectors.Length > 1 ? vectors : Index.EmbedSentences(text, detected))))))
        {
            return new BotDecision(BotDecisionKind.Human, detected, []);
        }

        return vetoed ? decision : FromLibrary(text, detected, decision) ?? decision;
    }

    /// <summary>
    /// Whether the learnt model's reading of a person request outranks the base's answer (below
    /// <see cref="MatcherOptions.HumanModelOverAnswer"/>, which outranks any): a message that names a person at
    /// <see cref="MatcherOptions.HumanModelOverWeakAnswer"/> over an answer less sure than
    /// <see cref="MatcherOptions.HumanWeakAnswer"/>, unless it asks about hours (when to reach the service is a question the
    /// base answers); one that names none at <see cref="MatcherOptions.HumanUnnamedOverAnswer"/>; one that only a telling
    /// rules out ("passez-moi le technicien qui est venu mardi") as one that names a person over a weak answer, and at
    /// <see cref="MatcherOptions.HumanRuledOutOverAnswer"/> over any (docs/bot-evaluation.md, "Twentieth round"). The
    /// whole message must read so, not only one of its sentences: "J'ai peur que quelqu'un rentre." alone reads as a
    /// request, the message of a stolen badge does not.
    /// </summary>
    private bool OutranksAnswer(NormalizedText normalized, BotDecision answer, double learnt, bool named, bool ruledOut)
    {
        var options = Index.Options;
        var overWeak = learnt >= options.HumanModelOverWeakAnswer && answer.Confidence < options.HumanWeakAnswer
            && !normalized.Tokens.Any(BotLexicon.HoursWords.Contains);
        return named ? overWeak
            : ruledOut ? overWeak || learnt >= options.HumanRuledOutOverAnswer
            : learnt >= options.HumanUnnamedOverAnswer;
    }

    /// <summary>
    /// The learnt model's bar for a message that no rule takes for a request and the base does not answer: where it names
    /// a person, a call or a way of speaking, <see cref="MatcherOptions.HumanModelBar"/>; where only a telling rules a
    /// request out and the whole message is read past it, <see cref="MatcherOptions.HumanRuledOutBar"/>; otherwise
    /// <see cref="MatcherOptions.HumanModelUnnamedBar"/>.
    /// </summary>
    private double LearntBar(bool named, bool pastTelling) =>
        named ? Index.Options.HumanModelBar : pastTelling ? Index.Options.HumanRuledOutBar : Index.Options.HumanModelUnnamedBar;

    /// <summary>
    /// The learnt model's reading of a message of several sentences, sentence by sentence, for a message whose whole does
    /// not reach its bar: a request in one sentence of a longer message ("The portal says I owe £2,340. Can you get a
    /// person to look at this?") is read on that sentence alone, where nothing the other sentences tell (a telling,
    /// speech reported) rules it out. The first sentence that reaches its bar, or null.
    /// </summary>
    private (double Probability, bool MayAsk)? BySentence(string text, string detected)
    {
        var options = Index.Options;
        var sentences = KnowledgeIndex.SentenceBreak().Split(text).Where(s => s.Trim().Length > 0).ToList();
        if (sentences.Count < 2)
        {
            return null;
        }

        foreach (var sentence in sentences)
        {
            var normalized = normalizer.Normalize(sentence, detected);
            if (humans.RulesOut(normalized))
            {
                continue;
            }

            var probability = HumanRequestModel.Shared.Probability(normalized);
            var mayAsk = humans.MayAsk(normalized);
            if (probability >= Math.Max(options.HumanSentenceBar, LearntBar(mayAsk, pastTelling: false)))
            {
                return (probability, mayAsk);
            }
        }

        return null;
    }

    /// <summary>
    /// The answer Grid's phrasing library reads in a message the tenant's base does not answer
    /// (<see cref="PhrasingLibrary"/>): the library answers it, at the tenant's threshold or above, with an entry read as
    /// one of the tenant's (<see cref="KnowledgeIndex.LibraryMap"/>), and the tenant's own ranking does not put another
    /// of its entries first at a clarification's bar. Null otherwise.
    /// </summary>
    private BotDecision? FromLibrary(string text, string detected, BotDecision own)
    {
        if (Index.LibraryMap.Count == 0
            || PhrasingLibrary.Shared.Decide(text, detected) is not { Kind: BotDecisionKind.Answer, EntryId: { } id } library
            || library.Confidence < Index.Settings.Threshold
            || !Index.LibraryMap.TryGetValue(id, out var position))
        {
            return null;
        }

        var entry = Index.Entries[position];
        if (own.Candidates.Count > 0 && own.Candidates[0].EntryId != entry.Id
            && own.Candidates[0].Confidence >= Index.Settings.Threshold * Index.Options.ClarifyBar)
        {
            return null;
        }

        var candidates = own.Candidates.Where(c => c.EntryId != entry.Id).Take(MaxCandidates - 1).Prepend(new BotCandidate(entry.Id, library.Confidence)).ToList();
        return new BotDecision(BotDecisionKind.Answer, detected, candidates, entry.Id, library.Confidence, AnswerLanguage(entry, detected));
    }

    /// <summary>
    /// The message's language: by its function words (<see cref="ILanguageDetector"/>); when they do not tell, by the
    /// base's words it uses (<see cref="KnowledgeIndex.LanguageOfWords"/>: "opening hours?"); else the conversation's,
    /// else the tenant's default.
    /// </summary>
    internal string DetectLanguage(string text, string? language)
    {
        var detected = detector.Detect(text, "");
        return detected.Length > 0 ? detected : Index.LanguageOfWords(text) ?? language ?? Index.Settings.DefaultLanguage;
    }

    /// <summary>
    /// The knowledge base's decision for a message that is not a person request (<paramref name="vetoed"/>: silenced
    /// because the best entry is, or is as close as, what the tenant does not handle).
    /// </summary>
    internal BotDecision DecideEntry(string text, string detected, float[][]? vectors, out bool vetoed)
    {
        vetoed = false;
        var settings = Index.Settings;
        var threshold = Index.Decision is not null && Index.Options.DecisionThreshold is { } learnedThreshold ? learnedThreshold : settings.Threshold;
        var ranked = Rank(text, detected, vectors);
        if (Index.Options.CrossLanguage && (ranked.Count == 0 || ranked[0].Confidence < threshold))
        {
            foreach (var other in Index.Languages.Where(l => l != detected))
            {
                var elsewhere = Rank(text, other, vectors);
                if (elsewhere.Count > 0 && elsewhere[0].Confidence >= threshold
                    && (ranked.Count == 0 || elsewhere[0].Confidence > ranked[0].Confidence))
                {
                    ranked = elsewhere;
                }
            }
        }

        var candidates = ranked.Take(MaxCandidates).Select(r => new BotCandidate(Index.Entries[r.Entry].Id, r.Confidence)).ToList();
        if (ranked.Count == 0)
        {
            return new BotDecision(BotDecisionKind.NoMatch, detected, candidates);
        }

        var best = ranked[0];
        if (Vetoed(ranked))
        {
            vetoed = true;
            return new BotDecision(BotDecisionKind.NoMatch, detected, candidates);
        }

        // Closeness is read on the hand-made confidences: the learned decision, learnt from messages about one entry
        // each, can be sure of one of two entries a message fits equally ("membership card": lost, price or renewal?).
        var second = ranked.Skip(1).Select(r => r.HandMade).DefaultIfEmpty(0).Max();
        var otherScore = ranked.Skip(1).Select(r => r.Score).DefaultIfEmpty(0).Max();
        var clearlyAhead = best.HandMade - second >= Index.Options.Margin
            || (best.Score > 0 && (best.Score - otherScore) / best.Score >= Index.Options.ScoreMargin);
        var bar = best.Learned ? Index.Options.ClarifyFloor : threshold * Index.Options.ClarifyBar;
        var top = ranked.Take(MaxCandidates).Max(r => r.HandMade);
        var close = ranked.Take(MaxCandidates)
            .Where(r => r.HandMade >= bar && top - r.HandMade < 2 * Index.Options.Margin && !Index.IsOutOfScope(r.Entry))
            .Select(r => new BotCandidate(Index.Entries[r.Entry].Id, r.Confidence))
            .ToList();
        if (best.Confidence >= threshold && (clearlyAhead || close.Count < 2))
        {
            var entry = Index.Entries[best.Entry];
            return new BotDecision(BotDecisionKind.Answer, detected, candidates, entry.Id, best.Confidence, AnswerLanguage(entry, detected));
        }

        return close.Count >= 2
            ? new BotDecision(BotDecisionKind.Clarify, detected, close)
            : new BotDecision(BotDecisionKind.NoMatch, detected, candidates);
    }

    /// <summary>
    /// The entries matching the text in one language, best first: each with its confidence — the learned decision's
    /// probability where it runs (<see cref="KnowledgeIndex.Decision"/>, in a language with the semantic signal), the
    /// hand-made confidence (<see cref="MatchConfidence"/>) otherwise — its BM25 score, best cosine and hand-made confidence.
    /// </summary>
    public IReadOnlyList<(int Entry, double Confidence, float Score, double Semantic, double HandMade, bool Learned, bool Covered)> Rank(string text, string language, float[][]? vectors = null)
    {
        if (Score(text, language, vectors) is not var (search, handMade, features))
        {
            return [];
        }

        // The learned decision weighs the hand-made confidences with the other signals into a probability of being right.
        var learned = features is not null && Index.Decision is not null;
        var confidence = learned ? [.. features!.Select(Index.Decision!.Probability)] : handMade;
        return Ordered(search, confidence, handMade, learned);
    }

    /// <summary>
    /// A message's matches in one language with their hand-made confidences, and each match's
    /// <see cref="DecisionFeatures"/> where the semantic signal runs and they are wanted (the learned decision is on, or
    /// <paramref name="features"/> asks for them: its training); null in a language the base has no phrasing in.
    /// </summary>
    internal (IndexSearch Search, double[] HandMade, float[][]? Features)? Score(string text, string language, float[][]? vectors, bool features = false)
    {
        if (Index.For(language) is not { } languageIndex)
        {
            return null;
        }

        var search = languageIndex.Search(text, MaxCandidates + 2, vectors: vectors);
        var semantic = vectors is not null && languageIndex.HasSemantic;
        var handMade = search.Matches.Select((_, rank) => MatchConfidence.Of(search, rank, Index.Options, Index.Model, languageIndex, semantic)).ToArray();
        if (!semantic || (!features && Index.Decision is null))
        {
            return (search, handMade, null);
        }

        var lexical = search.Matches.Select((_, rank) => MatchConfidence.Of(search, rank, Index.Options, Index.Model, languageIndex, false)).ToArray();
        return (search, handMade, [.. search.Matches.Select((_, rank) => DecisionFeatures.Of(search, rank, handMade, lexical, text.Length))]);
    }

    /// <summary>A search's matches with their confidences, best first (ties by entry position).</summary>
    internal static IReadOnlyList<(int Entry, double Confidence, float Score, double Semantic, double HandMade, bool Learned, bool Covered)> Ordered(
        IndexSearch search, double[] confidence, double[] handMade, bool learned) =>
        [.. search.Matches
            .Select((m, rank) => (m.Entry, Confidence: confidence[rank], m.Score, m.Semantic, HandMade: handMade[rank], Learned: learned, Covered: m.HoldsEveryTerm))
            .OrderByDescending(r => r.Confidence)
            .ThenBy(r => r.Entry)];

    /// <summary>
    /// Whether the message is never answered from the base whatever it matches: an all-is-well report ("le colis est
    /// bien arrivé, merci": nothing to answer) or somebody else's product named (the tenant's out-of-scope terms).
    /// </summary>
    internal bool Silenced(string text) => AllWellReport.Is(text) || outOfScope.Find(text) is not null;

    /// <summary>
    /// Whether the best of the ranked entries is closest to what the tenant says it does not handle ("my Gmail
    /// password", "the post office's hours"): an out-of-scope entry first, or one at least as close in meaning that
    /// also shares the message's words (<see cref="MatcherOptions.OutOfScopeVetoScoreShare"/> of the best's score),
    /// unless the best entry's phrasings hold every word of the message as written (<see cref="MatcherOptions.OutOfScopeVetoCovered"/>:
    /// "vous ouvrez à quelle heure le samedi ?" names nobody else's hours, however close it sits to "à quelle heure
    /// ouvre la mairie le samedi ?").
    /// </summary>
    internal bool Vetoed(IReadOnlyList<(int Entry, double Confidence, float Score, double Semantic, double HandMade, bool Learned, bool Covered)> ranked) =>
        Vetoes(ranked, Index.IsOutOfScope, Index.Options);

    /// <summary><see cref="Vetoed"/> for any index: which entries are out of scope, and the options.</summary>
    internal static bool Vetoes(
        IReadOnlyList<(int Entry, double Confidence, float Score, double Semantic, double HandMade, bool Learned, bool Covered)> ranked,
        Func<int, bool> isOutOfScope,
        MatcherOptions options)
    {
        var best = ranked[0];
        return isOutOfScope(best.Entry)
            || (options.OutOfScopeVeto && best.Semantic > 0 && !(best.Covered && options.OutOfScopeVetoCovered)
                && ranked.Any(r => isOutOfScope(r.Entry) && r.Semantic >= best.Semantic && r.Score >= options.OutOfScopeVetoScoreShare * best.Score));
    }

    /// <summary>The entry's answer language: the customer's when the entry has an answer in it, else the tenant's default.</summary>
    private string AnswerLanguage(KnowledgeEntry entry, string language) =>
        entry.Answers.ContainsKey(language) ? language
        : entry.Answers.ContainsKey(Index.Settings.DefaultLanguage) ? Index.Settings.DefaultLanguage
        : entry.Answers.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? language;
}
