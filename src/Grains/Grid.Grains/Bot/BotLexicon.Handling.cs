namespace Grid.Bot;

/// <summary>
/// The words of a person of the service asked to take the customer's case in hand ("could a member of staff review my
/// account?", "je veux que quelqu'un vérifie mon dossier") and of a question of whom to talk to ("who can I talk to
/// about my bill?", "à qui puis-je parler de ma facture ?"): <see cref="HumanRequestDetector"/>'s "handle" and "whom" rules.
/// Lowercase and without accents.
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>
    /// Verbs of a person taking a case in hand: looking at it, checking, reviewing, handling, taking it over (English base
    /// forms; French infinitives, present and subjunctive forms, the participles' spelling included, since customers write
    /// "vérifié" for "vérifier"). Not explaining: "can someone explain the adjustment line on my invoice?" asks for the
    /// explanation, which the base gives.
    /// </summary>
    public static readonly HashSet<string> HandleVerbs = new(StringComparer.Ordinal)
    {
        "review", "check", "look", "examine", "handle", "deal", "investigate", "reassess", "reconsider", "assess",
        "sort", "go", "take",
        "verifier", "verifie", "verifient", "examiner", "examine", "examinent", "regarder", "regarde", "regardent", "pencher",
        "penche", "penchent", "traiter", "traite", "traitent", "prendre", "prenne", "prennent", "occuper", "occupe", "occupent",
        "etudier", "etudie", "etudient", "revoir", "revoie", "analyser", "analyse", "gerer", "gere",
        "suivre", "suive", "reprendre", "reprenne",
    };

    /// <summary>What must follow some handle verbs for them to mean taking a case in hand ("look at", "take over", "go through").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> HandleParticles = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["look"] = ["at", "into", "over"],
        ["deal"] = ["with"],
        ["sort"] = ["out", "this", "it", "my"],
        ["go"] = ["through", "over"],
        ["take"] = ["over", "a", "charge", "my", "this", "on"],
        ["prendre"] = ["en", "mon", "ma", "le", "la", "ce", "cette"],
        ["prenne"] = ["en", "mon", "ma", "le", "la", "ce", "cette"],
        ["prennent"] = ["en", "mon", "ma", "le", "la", "ce", "cette"],
        ["occuper"] = ["de", "du"],
        ["occupe"] = ["de", "du"],
        ["occupent"] = ["de", "du"],
    };

    /// <summary>Someone sent or coming ("can you send someone to look at it", "quelqu'un peut venir vérifier"): an intervention.</summary>
    public static readonly HashSet<string> DispatchVerbs = new(StringComparer.Ordinal)
    {
        "send", "sending", "dispatch", "come", "coming", "envoyer", "envoyez", "envoie", "envoyiez", "venir", "vienne", "viennent", "passer",
    };

    /// <summary>
    /// What a technician, not a person to deal with, is asked to look at ("can someone check the meter?", "quelqu'un peut
    /// regarder la chaudière ?"): such a clause asks for an intervention.
    /// </summary>
    public static readonly HashSet<string> EquipmentWords = new(StringComparer.Ordinal)
    {
        "meter", "meters", "boiler", "heating", "heater", "radiator", "radiators", "pipe", "pipes", "leak", "lift", "elevator",
        "door", "gate", "intercom", "lock", "light", "lights", "water", "gas", "electricity", "fuse", "socket", "installation",
        "compteur", "compteurs", "chaudiere", "chauffage", "radiateur", "radiateurs", "tuyau", "tuyaux", "fuite", "ascenseur",
        "porte", "portail", "interphone", "serrure", "lumiere", "eau", "gaz", "electricite", "fusible", "prise", "disjoncteur",
        "ballon", "robinet", "toilettes", "wc", "vmc", "plomberie", "plumbing", "wiring", "badge", "badges",
    };

    /// <summary>
    /// Verbs of speaking with someone, after "who can I …" or "à qui puis-je …". Not addressing or sending: "à qui dois-je
    /// adresser cette demande ?" asks where a request goes, which the base answers.
    /// </summary>
    public static readonly HashSet<string> WhomVerbs = new(StringComparer.Ordinal)
    {
        "talk", "speak", "discuss", "chat", "parler", "discuter", "echanger",
    };
}
