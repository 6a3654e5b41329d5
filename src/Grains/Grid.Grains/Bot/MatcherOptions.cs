namespace Grid.Bot;

/// <summary>
/// The matcher's mechanisms, each of which can be turned off to measure what it buys (the evaluation's ablation).
/// The defaults are the production matcher.
/// </summary>
internal sealed record MatcherOptions
{
    /// <summary>Lucene's full language chain: elision, ASCII folding, extended stop words, light stemming. Off: lowercase and stop words only.</summary>
    public bool Stemming { get; init; } = true;

    /// <summary>BM25's term-frequency saturation (Lucene's default 1.2).</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25's length normalisation (Lucene's default 0.75).</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>The French stemmer: "minimal" (plurals, FrenchMinimalStemFilter), "light" (FrenchLightStemFilter) or "snowball" (verb endings too).</summary>
    public string FrenchStemmer { get; init; } = "minimal";

    /// <summary>The English stemmer: "minimal" (plurals), "porter" or "kstem".</summary>
    public string EnglishStemmer { get; init; } = "porter";

    /// <summary>SMS spellings, abbreviations and contractions expanded before analysis (<see cref="TextNormalizer"/>).</summary>
    public bool Sms { get; init; } = true;

    /// <summary>The tenant's synonym groups expand query terms.</summary>
    public bool Synonyms { get; init; } = true;

    public TypoTolerance Typos { get; init; } = TypoTolerance.Correction;

    /// <summary>The answers' text is searched too, in a field weighted <see cref="AnswerWeight"/>.</summary>
    public bool AnswerField { get; init; } = true;

    public float AnswerWeight { get; init; } = 0.25f;

    /// <summary>All of an entry's phrasings are searched together too, in a field weighted <see cref="EntryWeight"/>: words spread over several phrasings add up.</summary>
    public bool EntryField { get; init; } = true;

    public float EntryWeight { get; init; } = 0.5f;

    /// <summary>When the detected language's index has no confident answer, the other languages' indexes are asked.</summary>
    public bool CrossLanguage { get; init; } = true;

    public ConfidenceKind Confidence { get; init; } = ConfidenceKind.Calibrated;

    /// <summary>
    /// A text classifier trained on the entries' phrasings (<see cref="PhrasingClassifier"/>) gives each ranked entry a
    /// probability, mixed into its confidence with the weight <see cref="ScorerWeight"/> (which re-ranks the candidates).
    /// On: with the demo base's twenty-odd phrasings per entry and language it beats the calibrated ranking on both
    /// development sets (see <see cref="PhrasingClassifier"/> and docs/bot-evaluation.md).
    /// </summary>
    public bool Scorer { get; init; } = true;

    public double ScorerWeight { get; init; } = 0.2;

    /// <summary>
    /// The probability the classifier counts from: what it typically gives the best entry of a message the base does
    /// not cover. The confidence is <c>(1 - w) * confidence + w * (probability - offset)</c>.
    /// </summary>
    public double ScorerOffset { get; init; } = 0.2;

    /// <summary>
    /// The average phrasings per entry (in a language) from which the classifier is trained: with four it did not beat
    /// ranking, with twenty it did.
    /// </summary>
    public int ScorerMinPhrasings { get; init; } = 8;

    /// <summary>The classifier's L2 regularisation.</summary>
    public double ScorerL2 { get; init; } = 1e-4;

    /// <summary>
    /// The semantic signal (<see cref="SentenceEmbedder"/>): each entry's best cosine between the message's sentence
    /// embedding and its phrasings' in <see cref="SemanticLanguages"/>, mixed into the confidence as
    /// <c>(1 - w) * confidence + w * ramp(cosine)</c> (<see cref="SemanticWeight"/>; the ramp goes from 0 at
    /// <see cref="SemanticFloor"/> to 1 at <see cref="SemanticCeiling"/>); the entries it ranks first are candidates
    /// even when they share no word with the message.
    /// </summary>
    public bool Semantic { get; init; } = true;

    /// <summary>The languages whose phrasings are embedded (the model is English; measured per language in docs/bot-evaluation.md).</summary>
    public IReadOnlySet<string> SemanticLanguages { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "en", "fr" };

    public double SemanticWeight { get; init; } = 0.4;

    public double SemanticFloor { get; init; } = 0.4;

    public double SemanticCeiling { get; init; } = 0.8;

    /// <summary>
    /// Whether the ramp is read off each language's phrasings instead (<see cref="LanguageIndex"/>): the floor is the
    /// <see cref="SemanticFloorQuantile"/> of the phrasings' best cosine with other entries, the ceiling the
    /// <see cref="SemanticCeilingQuantile"/> of their best cosine within their own entry. Off: measured, the fixed ramp
    /// answered more rightly on every evaluation set (docs/bot-evaluation.md).
    /// </summary>
    public bool SemanticCalibrated { get; init; }

    public double SemanticFloorQuantile { get; init; } = 0.25;

    public double SemanticCeilingQuantile { get; init; } = 0.75;

    /// <summary>
    /// Whether each answer's sentences are embedded too, an entry's cosine being its best over its phrasings and its
    /// answer's sentences: a base of a few phrasings an entry says more in its answers (docs/bot-evaluation.md).
    /// </summary>
    public bool SemanticAnswers { get; init; } = true;

    /// <summary>
    /// Whether the phrasings' vectors are compared as bytes (<see cref="QuantizedVectors"/>): a quarter of the memory
    /// read for every message, cosines within about a thousandth.
    /// </summary>
    public bool SemanticQuantized { get; init; } = true;

    /// <summary>Whether each sentence of a long message is embedded too, each entry taking its best cosine with any (<see cref="KnowledgeIndex.Embed"/>).</summary>
    public bool SemanticSentences { get; init; } = true;

    /// <summary>
    /// Whether an out-of-scope entry (<see cref="KnowledgeIndex.OutOfScopeTag"/>) at least as close in meaning as the
    /// best entry silences the bot even when ranking puts that entry first ("forgot my Outlook email password": the
    /// words are the password entry's, the meaning is another company's account).
    /// </summary>
    public bool OutOfScopeVeto { get; init; } = true;

    /// <summary>
    /// The share of the best entry's BM25 score an out-of-scope entry must reach for its meaning to veto (0: meaning
    /// alone vetoes). The model is English and weaker in French, where a short message about a new contract can sit
    /// closer in meaning to an out-of-scope phrasing about another contract; at half the words' score the veto kept
    /// every silence on fourteen evaluation sets and gave back 0.3–0.9 points of right answers on eight
    /// (docs/bot-evaluation.md, "Seventh round").
    /// </summary>
    public double OutOfScopeVetoScoreShare { get; init; } = 0.5;

    /// <summary>
    /// Whether an out-of-scope entry's meaning does not veto a best entry whose phrasings hold every analysed word of
    /// the message as written (<see cref="EntryMatch.HoldsEveryTerm"/>, <see cref="OutOfScopeVeto"/>): a message the
    /// entry's own words say entirely names nothing else. Chosen in the thirteenth round on the development sets
    /// (docs/bot-evaluation.md): five more right answers, no silence lost.
    /// </summary>
    public bool OutOfScopeVetoCovered { get; init; } = true;

    /// <summary>How many of the entries closest in meaning join the lexical candidates.</summary>
    public int SemanticCandidates { get; init; } = 3;

    /// <summary>Whether messages and phrasings are embedded after normalisation (SMS spellings expanded, accents folded) rather than as written.</summary>
    public bool SemanticNormalized { get; init; } = true;

    /// <summary>
    /// Whether a message no rule takes for a person request, and that the base does not answer, is one when it is
    /// close in meaning to requests rather than to mentions of a person (<see cref="HumanRequestMeaning"/>; needs the
    /// semantic signal).
    /// </summary>
    public bool HumanMeaning { get; init; } = true;

    /// <summary>
    /// Whether a message no rule takes for a person request, and that the base does not answer, is one when a clause
    /// names a person, a way of talking and a wish, whatever their order (<see cref="HumanRequestDetector.AsksToTalk"/>).
    /// </summary>
    public bool HumanTalk { get; init; } = true;

    /// <summary>
    /// Whether a message that asks to talk to someone by name ("je peux reparler à Sophie ?", "can I speak to Mr Patel
    /// again"), and that the base does not answer, is a person request (<see cref="NamedPersonRequest"/>).
    /// </summary>
    public bool HumanByName { get; init; } = true;

    /// <summary>
    /// Whether the learnt person-request model also reads each sentence of a message of several on its own, so that a
    /// request in one sentence is not ruled out by what another tells ("The portal says I owe £2,340. Can you get a
    /// person to look at this?"; <see cref="KnowledgeMatcher"/>). Chosen on the development sets in the eleventh round
    /// with <see cref="HumanSentenceBar"/> at 0.9 (docs/bot-evaluation.md): at 0.8 it cost five development sets eight
    /// false requests.
    /// </summary>
    public bool HumanModelBySentence { get; init; } = true;

    /// <summary>
    /// The learnt model's probability at or above which a message that tells what happened in some clauses (a past call,
    /// speech reported) is read as a request on its other clauses (<see cref="HumanRequestDetector.Untold"/>); below the
    /// clauses' own bars, those bars; above 1, never. 0.9 from the thirteenth round (one more request on the development
    /// sets and no false one; at 0.55 a complaint that nobody called back became one); 0.73 on the nineteenth round's
    /// model, where as many development messages clear it as cleared 0.9 before (docs/bot-evaluation.md, "Nineteenth
    /// round"). That model reads short clauses lower: "je peux lui reparler ?" 0.92 → 0.62, under the bar for a clause
    /// that names no one (<see cref="HumanModelUnnamedBar"/>).
    /// 0.77 on the twenty-second round's averaged model, 0.75 on the twenty-third's, 0.76 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanUntoldBar { get; init; } = 0.76;

    /// <summary>
    /// The learnt model's probability, for the whole message, at or above which a message that only a telling rules out
    /// (a past call or visit, speech reported, a thing received: <see cref="HumanRequestDetector.RulesOut"/>,
    /// <see cref="HumanRequestDetector.OnlyTellingsMayRuleOut"/>; not a person declined, a job, a solicitation) is read
    /// as a request all the same, where the base has no answer; above 1, never. "Could you get the engineer who came on
    /// Monday to call me back?" tells in the very clause that asks, so its clauses apart (<see cref="HumanUntoldBar"/>)
    /// cannot take it. 0.85 from the fourteenth round (five more requests on the development sets, no false one); 0.65
    /// with the nineteenth round's model, chosen on the development sets: as many messages clear 0.67 as cleared 0.85
    /// before, and 0.65 also takes "the guy from before, the one who sorted my bill out last year, can I talk to him
    /// again?" (0.66); at 0.62 "Someone from your team called me back, all good now." (0.64) would be taken. Such a
    /// message is held to this bar alone, not to <see cref="HumanModelUnnamedBar"/>, which was lower than this one
    /// until then. 0.60 with the twentieth round's training texts: the model reads "can the lady i spoke to yesterday
    /// call me back" at 0.64; no message of any evaluation set that only a telling rules out reads between 0.60 and 0.65
    /// with nothing to answer, and the highest such non-request of the development sets reads 0.55 (docs/bot-evaluation.md,
    /// "Twentieth round").
    /// 0.65 on the twenty-second round's averaged model, 0.63 on the twenty-third's, 0.64 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanRuledOutBar { get; init; } = 0.64;

    /// <summary>
    /// The learnt model's probability at or above which one sentence of a longer message is read as a request
    /// (<see cref="HumanModelBySentence"/>); below the message's own bars, those bars. 0.9 from the eleventh round; 0.83
    /// on the nineteenth round's model, where as many development messages clear it as cleared 0.9 before.
    /// 0.85 on the twenty-second round's averaged model, 0.83 on the twenty-third's, matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanSentenceBar { get; init; } = 0.83;

    /// <summary>
    /// The probability of the learnt person-request model (<see cref="HumanRequestModel"/>) at or above which a message
    /// no rule takes for a request is one even when the base has an answer, where a person, a call or a way of speaking
    /// is named; above 1, never. 0.98 from the fifteenth round, when the base learnt its missed messages: "Y a-t-il
    /// quelqu'un pour m'expliquer au téléphone ?" (0.99) was answered from a learnt phrasing; at 0.95 it cost right
    /// answers. 0.91 on the nineteenth round's model (docs/bot-evaluation.md, "Nineteenth round"): 0.93 matches the count
    /// of development messages over 0.98 before, and 0.91 gains one request there with no right answer lost.
    /// 0.92 on the twenty-second round's averaged model, 0.91 on the twenty-third's, matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanModelOverAnswer { get; init; } = 0.91;

    /// <summary>
    /// The learnt model's probability at or above which a message that names a person, a call or a way of speaking, and
    /// asks nothing about hours (<see cref="BotLexicon.HoursWords"/>), is a request over an answer of the base less sure
    /// than <see cref="HumanWeakAnswer"/>; above 1, never. 0.85 from the eighteenth round ("on peut se parler au
    /// téléphone ? c'est plus simple", "Any chance of reaching somebody in customer service this weekend?"; the one answer
    /// it took first, a question of opening hours from abroad, is what the hours exclusion keeps). 0.74 on the nineteenth
    /// round's model: 0.79 matches the count of development messages over 0.85 before, and 0.74 gains requests there
    /// with no right answer lost (docs/bot-evaluation.md, "Nineteenth round"). Since the twentieth round it applies to a
    /// message that only a telling rules out too ("Pouvez-vous me passer le technicien qui est venu mardi ?").
    /// 0.78 on the twenty-second round's averaged model, 0.76 on the twenty-third's, 0.77 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanModelOverWeakAnswer { get; init; } = 0.77;

    /// <summary>The answer's confidence under which <see cref="HumanModelOverWeakAnswer"/> applies.</summary>
    public double HumanWeakAnswer { get; init; } = 0.9;

    /// <summary>
    /// The learnt model's probability at or above which a message that names no person, call or way of speaking is a
    /// request over the base's answer ("Put me through to the moving-house team please", answered by the moving-house
    /// entry); above 1, never. 0.98 from the eighteenth round (at 0.95, "possible d'avoir un echeancier svp" lost its
    /// answer); 0.89 on the nineteenth round's model: 0.94 matches the count of development messages over 0.98 before,
    /// and 0.89 gains requests there with no right answer lost.
    /// 0.91 on the twenty-second round's averaged model, 0.90 on the twenty-third's, matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanUnnamedOverAnswer { get; init; } = 0.90;

    /// <summary>
    /// The learnt model's probability at or above which a message that only a telling rules out (see
    /// <see cref="HumanRuledOutBar"/>) is a request over the base's answer ("Could you get the technician who came on
    /// Friday to call me?", answered by the technician-appointment entry); above 1, never. 0.95 from the eighteenth round
    /// (at 0.9, "badge perdu hier soir, quelqu'un pourrait rentrer avec ?" lost its answer); 0.87 on the nineteenth
    /// round's model: 0.89 matches the count of development messages over 0.95 before, 0.87 gains one request there
    /// with no right answer lost, and that badge message reads 0.72.
    /// 0.89 on the twenty-second round's averaged model, 0.87 on the twenty-third's, matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanRuledOutOverAnswer { get; init; } = 0.87;

    /// <summary>
    /// The probability of the learnt person-request model at or above which a message no rule takes for a request, that
    /// the base does not answer and that names a person, a call or a way of speaking, is one; above 1, never. 0.7 with the
    /// first model (1,500 messages), 0.5 with 3,900 (no false request on any development set; docs/bot-evaluation.md,
    /// "Tenth round"), 0.55 with 4,900 (0.5 took "can somebody fix it??" for a request). 0.5 again on the nineteenth
    /// round's model (docs/bot-evaluation.md, "Nineteenth round"): 0.52 matches the count of development messages over
    /// 0.55 before, and 0.5 gains one request there with no false one.
    /// 0.55 on the twenty-second round's averaged model, 0.52 on the twenty-third's, 0.53 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanModelBar { get; init; } = 0.53;

    /// <summary>
    /// The learnt model's bar for a message that names no person, call or way of speaking ("who can I talk to that isn't
    /// a computer?", "a quick word with one of the team"), the base having no answer and nothing ruling a request out;
    /// above 1, never. 0.8 from the tenth round (0.7 took "je parle à un robot là ?" for a request); 0.68 on the
    /// nineteenth round's model, where as many development messages clear it as cleared 0.8 before (0.66 gains two
    /// requests there for one false).
    /// 0.73 on the twenty-second round's averaged model, 0.71 on the twenty-third's, 0.72 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanModelUnnamedBar { get; init; } = 0.72;

    /// <summary>
    /// The learnt model's probability below which a person request read by a rule is not one; 0, never vetoed. It turns
    /// away questions about the bot ("are you a bot or a real person? just curious") and a declined call ("I'm not after a
    /// call back, just a PDF…"). 0.02, then 0.03 from the eleventh round; 0.14 on the nineteenth round's model, chosen on
    /// the development sets: it turns away eight of their messages that are not requests and none that is (the lowest
    /// request a rule reads sits at 0.146; docs/bot-evaluation.md, "Nineteenth round").
    /// 0.16 on the twenty-second round's averaged model, 0.14 on the twenty-third's, matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanRuleVeto { get; init; } = 0.14;

    /// <summary>
    /// The learnt model's probability below which a person request read by talk words or by meaning
    /// (<see cref="HumanTalk"/>, <see cref="HumanMeaning"/>) is not one; 0, never. It turns away a thanks to "la dame au
    /// téléphone", "no need for anyone to call me", "can someone set up the supply over the phone or…". 0.1 from the
    /// tenth round; 0.3 on the nineteenth round's model, chosen on the development sets: two of their false requests
    /// ("Someone from your company asked me for my password over the phone. Is that normal?", 0.25) go, no request
    /// is lost (the lowest such request reads 0.46).
    /// 0.35 on the twenty-second round's averaged model, 0.32 on the twenty-third's, 0.33 on the twenty-fourth's (trained in a fixed order), matched by the development sets' count (docs/bot-evaluation.md).
    /// </summary>
    public double HumanSignalVeto { get; init; } = 0.33;

    /// <summary>
    /// Whether the learned decision (<see cref="DecisionModel"/>) turns each ranked entry's features into its confidence,
    /// a probability of being the right answer, where the semantic signal runs; the hand-made confidence otherwise.
    /// Off: learnt on the development sets it answered more of each held-out one rightly, but on a new blind set it
    /// only moved along the hand-made confidence's curve, below it (docs/bot-evaluation.md, "Fifth round").
    /// </summary>
    public bool Decision { get; init; }

    /// <summary>
    /// The threshold the learned decision's probability is held to instead of the tenant's (which is read on the
    /// hand-made scale); the tenant's when null.
    /// </summary>
    public double? DecisionThreshold { get; init; }

    /// <summary>The learned decision to use instead of the shipped one (evaluating a model before shipping it).</summary>
    public DecisionModel? DecisionModel { get; init; }

    /// <summary>
    /// Whether a message the tenant's base does not answer is asked of Grid's library of customer phrasings
    /// (<see cref="PhrasingLibrary"/>), and answered with the tenant's entry the library's answer is read as. Only
    /// entries phrased sparsely are read as library entries, so a rich base (the demo's) decides as without it.
    /// </summary>
    public bool Library { get; init; } = true;

    /// <summary>An entry with fewer phrasings than this in a language is read as a library entry (<see cref="PhrasingLibrary.Map"/>).</summary>
    public int LibraryMaxPhrasings { get; init; } = 12;

    /// <summary>How many of a tenant entry's phrasings the library must answer with one of its entries for the two to be read as one.</summary>
    public int LibraryMinVotes { get; init; } = 3;

    /// <summary>How far ahead of the second entry the first must be to answer alone; closer entries are clarified.</summary>
    public double Margin { get; init; } = 0.08;

    /// <summary>Or how far ahead in BM25 score, as a share of its score, the first must be to answer alone.</summary>
    public double ScoreMargin { get; init; } = 0.25;

    /// <summary>The lower bar of a clarification, as a share of the threshold: candidates below it are not offered.</summary>
    public double ClarifyBar { get; init; } = 0.8;

    /// <summary>
    /// The lower bar of a clarification under the learned decision, on the hand-made confidence: the learned
    /// probability already counts close candidates against each other, so closeness is read before it.
    /// </summary>
    public double ClarifyFloor { get; init; } = 0.44;

    public static MatcherOptions Default { get; } = new();
}
