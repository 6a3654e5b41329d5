using System.Collections.Frozen;

namespace Grid.Sentiment;

/// <summary>
/// The grammar of sentiment in one language (or in both, for a message of unknown language): the words that negate,
/// boost or dampen a cue, the words that shift the weight of a message to what follows them ("mais", "but"), the
/// politeness formulas that must not make an angry message positive, and the SMS spellings of function words
/// ("jsuis" → "je suis", "dont" → "do not"). Words are in folded form (lowercase, no accents). The weights of the
/// cues themselves are data: <c>Sentiment/Data/sentiment-*.tsv</c>.
/// </summary>
internal sealed class SentimentRules
{
    /// <summary>Added to (boosters) or taken from (diminishers) a cue's magnitude, as in VADER.</summary>
    public const double Boost = 0.293;

    private SentimentRules(
        IEnumerable<string> negators,
        IEnumerable<KeyValuePair<string, double>> boosters,
        IEnumerable<string> contrasts,
        IEnumerable<string> negationIntensifiers,
        IEnumerable<string> courtesy,
        IEnumerable<KeyValuePair<string, string>> sms)
    {
        Negators = negators.ToFrozenSet(StringComparer.Ordinal);
        Boosters = boosters.ToFrozenDictionary(StringComparer.Ordinal);
        BoosterPairTails = Boosters.Keys.Where(k => k.Contains(' ')).Select(k => k[(k.LastIndexOf(' ') + 1)..])
            .ToFrozenSet(StringComparer.Ordinal);
        Contrasts = contrasts.ToFrozenSet(StringComparer.Ordinal);
        ContrastPairTails = Contrasts.Where(k => k.Contains(' ')).Select(k => k[(k.LastIndexOf(' ') + 1)..])
            .ToFrozenSet(StringComparer.Ordinal);
        NegationIntensifiers = negationIntensifiers.ToFrozenSet(StringComparer.Ordinal);
        Courtesy = [.. courtesy];
        Sms = sms.ToFrozenDictionary(p => p.Key, p => p.Value.Split(' '), StringComparer.Ordinal);
    }

    /// <summary>Words that flip a cue within <see cref="SentimentScorer.Window"/> words before it ("pas", "not").</summary>
    public FrozenSet<string> Negators { get; }

    /// <summary>Boosters (positive scalar) and diminishers (negative), single words or two-word phrases ("un peu").</summary>
    public FrozenDictionary<string, double> Boosters { get; }

    /// <summary>The last words of two-word boosters, so a pair is only built when it may match.</summary>
    public FrozenSet<string> BoosterPairTails { get; }

    /// <summary>Contrast markers, single words or two-word phrases ("par contre"): what follows weighs more.</summary>
    public FrozenSet<string> Contrasts { get; }

    /// <summary>The last words of two-word contrasts.</summary>
    public FrozenSet<string> ContrastPairTails { get; }

    /// <summary>Phrases that strengthen a negation in their clause ("du tout", "at all").</summary>
    public FrozenSet<string> NegationIntensifiers { get; }

    /// <summary>Politeness formulas (as in the lexicon): ignored in a negative message, capped otherwise.</summary>
    public IReadOnlyList<string> Courtesy { get; }

    /// <summary>SMS spellings of function words and their expansion.</summary>
    public FrozenDictionary<string, string[]> Sms { get; }

    public static SentimentRules French { get; } = new(
        FrenchNegators, FrenchBoosters, FrenchContrasts, ["du tout", "absolument pas", "aucunement"], FrenchCourtesy, FrenchSms);

    public static SentimentRules English { get; } = new(
        EnglishNegators, EnglishBoosters, EnglishContrasts, ["at all", "whatsoever"], EnglishCourtesy, EnglishSms);

    /// <summary>Both languages' rules, for a message whose language is neither "fr" nor "en".</summary>
    public static SentimentRules Both { get; } = new(
        FrenchNegators.Concat(EnglishNegators).Distinct(),
        FrenchBoosters.Concat(EnglishBoosters).DistinctBy(p => p.Key),
        FrenchContrasts.Concat(EnglishContrasts).Distinct(),
        ["du tout", "absolument pas", "aucunement", "at all", "whatsoever"],
        FrenchCourtesy.Concat(EnglishCourtesy).Distinct(),
        FrenchSms.Concat(EnglishSms).DistinctBy(p => p.Key));

    public static SentimentRules For(string language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => Both,
    };

    /// <summary>French "plus" and "peu" negate only in "ne … plus" and alone ("peu aimable", not "un peu").</summary>
    public static bool IsConditionalNegator(string word) => word is "plus" or "peu";

    /// <summary>The French particle that pairs with a negator after the verb ("je n'aime pas").</summary>
    public static bool IsNe(string word) => word is "ne" or "n";

    /// <summary>Negators that may follow the verb they negate in French ("je n'aime pas", "ça ne me plaît plus").</summary>
    public static bool IsPostNegator(string word) => word is "pas" or "plus" or "jamais" or "rien" or "guere" or "point";

    private static string[] FrenchNegators =>
        ["pas", "jamais", "plus", "aucun", "aucune", "rien", "sans", "ni", "nullement", "guere", "peu", "non"];

    private static string[] EnglishNegators =>
        ["not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "without", "nowhere", "hardly", "barely", "scarcely"];

    private static KeyValuePair<string, double>[] FrenchBoosters =>
    [
        .. Up("tres", "vraiment", "tellement", "trop", "completement", "totalement", "absolument", "extremement", "super",
            "hyper", "ultra", "mega", "archi", "vachement", "carrement", "particulierement", "profondement", "terriblement",
            "incroyablement", "si", "tant", "franchement", "serieusement", "grave", "bien", "enormement", "fortement",
            "hautement", "vraiement", "encore plus", "tout simplement", "purement", "parfaitement"),
        .. Down("un peu", "assez", "plutot", "legerement", "moyennement", "relativement", "un brin", "quelque peu",
            "a peine", "presque", "pas tres"),
    ];

    private static KeyValuePair<string, double>[] EnglishBoosters =>
    [
        .. Up("very", "really", "so", "totally", "absolutely", "completely", "extremely", "incredibly", "utterly", "truly",
            "highly", "deeply", "thoroughly", "fully", "entirely", "hugely", "massively", "enormously", "especially",
            "exceptionally", "particularly", "remarkably", "seriously", "such", "too", "most", "quite", "bloody", "fucking",
            "damn", "super", "properly", "unbelievably", "insanely", "ridiculously", "beyond", "real", "even more"),
        .. Down("a bit", "a little", "slightly", "somewhat", "kinda", "sorta", "kind of", "sort of", "fairly", "a tad",
            "marginally", "partly", "almost", "not very", "not that", "not too", "pretty much"),
    ];

    private static string[] FrenchContrasts => ["mais", "cependant", "pourtant", "neanmoins", "toutefois", "par contre", "sauf que", "ms"];

    private static string[] EnglishContrasts => ["but", "however", "although", "though", "except that", "nevertheless"];

    private static string[] FrenchCourtesy =>
    [
        "bonjour", "bonsoir", "salut", "coucou", "svp", "stp", "s il vous plait", "s il te plait", "merci", "merci d avance",
        "d avance merci", "cordialement", "bien cordialement", "bien a vous", "salutations", "sinceres salutations",
        "bonne journee", "bonne soiree", "bonne fin de journee", "je vous remercie", "remercie", "cimer", "🙏",
    ];

    private static string[] EnglishCourtesy =>
    [
        "hello", "hi", "hey", "good morning", "good afternoon", "good evening", "dear", "please", "thanks", "thank you",
        "thanks in advance", "thank you in advance", "regards", "kind regards", "best regards", "warm regards",
        "best wishes", "yours sincerely", "yours faithfully", "cheers", "have a nice day", "have a good day",
        "have a great day", "🙏",
    ];

    private static KeyValuePair<string, string>[] FrenchSms => Pairs(
        ("jsuis", "je suis"), ("jsui", "je suis"), ("chui", "je suis"), ("chuis", "je suis"), ("jai", "j ai"), ("g", "j ai"),
        ("jen", "j en"), ("jme", "je me"), ("jte", "je te"), ("jvais", "je vais"), ("jveux", "je veux"), ("jpeux", "je peux"),
        ("jsais", "je sais"), ("jcrois", "je crois"), ("jtrouve", "je trouve"), ("jattends", "j attends"), ("jaime", "j aime"),
        ("jadore", "j adore"), ("jcomprends", "je comprends"), ("jpense", "je pense"), ("cest", "c est"), ("ct", "c etait"),
        ("cetait", "c etait"), ("nest", "n est"), ("pk", "pourquoi"), ("pq", "pourquoi"), ("pkoi", "pourquoi"),
        ("pourkoi", "pourquoi"), ("tjr", "toujours"), ("tjrs", "toujours"), ("tjs", "toujours"), ("toujour", "toujours"),
        ("bcp", "beaucoup"), ("bcq", "beaucoup"), ("tt", "tout"), ("vrmt", "vraiment"), ("vrm", "vraiment"),
        ("vraimen", "vraiment"), ("vraimant", "vraiment"), ("tro", "trop"), ("pr", "pour"), ("ds", "dans"), ("qd", "quand"),
        ("kan", "quand"), ("dc", "donc"), ("ya", "il y a"), ("yen", "il y en"), ("koi", "quoi"), ("kwa", "quoi"), ("ki", "qui"),
        ("ke", "que"), ("bjr", "bonjour"), ("bjour", "bonjour"), ("bsr", "bonsoir"), ("slt", "salut"), ("mrc", "merci"),
        ("mci", "merci"), ("mrci", "merci"), ("merki", "merci"), ("rdv", "rendez vous"), ("nimporte", "n importe"),
        ("mm", "meme"), ("pb", "probleme"), ("pbm", "probleme"), ("pblm", "probleme"), ("dsl", "desole"), ("ptn", "putain"),
        ("jarrive", "j arrive"), ("jcomprend", "je comprends"), ("jtrouv", "je trouve"));

    private static KeyValuePair<string, string>[] EnglishSms => Pairs(
        ("im", "i am"), ("ive", "i have"), ("youre", "you are"), ("dont", "do not"), ("doesnt", "does not"),
        ("didnt", "did not"), ("cant", "can not"), ("cannot", "can not"), ("wont", "will not"), ("isnt", "is not"),
        ("arent", "are not"), ("wasnt", "was not"), ("werent", "were not"), ("havent", "have not"), ("hasnt", "has not"),
        ("hadnt", "had not"), ("couldnt", "could not"), ("wouldnt", "would not"), ("shouldnt", "should not"),
        ("aint", "is not"), ("u", "you"), ("ur", "your"), ("pls", "please"), ("plz", "please"), ("thx", "thanks"),
        ("thnx", "thanks"), ("thanx", "thanks"), ("tnx", "thanks"), ("ty", "thank you"), ("tysm", "thank you so much"),
        ("tbh", "to be honest"), ("idk", "i do not know"), ("rn", "right now"), ("ppl", "people"), ("coz", "because"),
        ("cuz", "because"), ("gonna", "going to"), ("wanna", "want to"));

    private static IEnumerable<KeyValuePair<string, double>> Up(params string[] words) =>
        words.Select(w => KeyValuePair.Create(w, Boost));

    private static IEnumerable<KeyValuePair<string, double>> Down(params string[] words) =>
        words.Select(w => KeyValuePair.Create(w, -Boost));

    private static KeyValuePair<string, string>[] Pairs(params (string Sms, string Expansion)[] pairs) =>
        [.. pairs.Select(p => KeyValuePair.Create(p.Sms, p.Expansion))];
}
