namespace Grid.Bot;

/// <summary>
/// The words of calls and of speaking by voice that ask for a person (<see cref="HumanRequestDetector"/>'s callback and
/// voice readings): being called back, arranging a call, talking or having something explained by voice, someone
/// available now, a team named with politeness or a want. Lowercase and without accents.
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>Verbs asking to be called when the customer is their object ("rappelez-moi", "me rappeler", "call me back").</summary>
    public static readonly HashSet<string> CallbackVerbs = new(StringComparer.Ordinal)
    {
        "rappeler", "rappelez", "rappelle", "recontacter", "recontactez", "appelez", "appeler", "call", "ring", "phone",
        "rappele", "rappelee", "recontacte", "recontactee", "contacter", "contactez", "called", "contacted", "telephone", "contact",
        "telephoner", "telephonez",
    };

    /// <summary>Participles that ask for a call only after "être" ("je demande à être contacté", "to be phoned").</summary>
    public static readonly HashSet<string> PassiveCallParticiples = new(StringComparer.Ordinal)
    {
        "contacte", "contactee", "contactes", "contactees", "appele", "appelee", "appeles", "appelees", "phoned", "rung",
    };

    /// <summary>Nouns that are a callback request by themselves ("I'd like a callback"; not "rappel", which is also a reminder).</summary>
    public static readonly HashSet<string> CallbackNouns = new(StringComparer.Ordinal) { "callback", "callbacks" };

    /// <summary>What one gives the customer when calling them ("give me a ring", "give us a call", "give me a bell").</summary>
    public static readonly HashSet<string> CallNouns = new(StringComparer.Ordinal) { "ring", "call", "bell", "buzz" };

    /// <summary>Verbs of talking, explaining or helping that a wish and a way of speaking turn into a request ("en parler de vive voix", "qu'on m'explique au téléphone").</summary>
    public static readonly HashSet<string> VoiceVerbs = new(StringComparer.Ordinal)
    {
        "parler", "parle", "discuter", "discute", "discutions", "expliquer", "explique", "expliquiez", "echanger", "aider", "aidiez",
        "aide", "voir",
        "talk", "speak", "discuss", "explain", "help",
    };

    /// <summary>Words saying someone is available now ("un employé disponible", "is an adviser available", "quelqu'un de permanence").</summary>
    public static readonly HashSet<string> AvailabilityWords = new(StringComparer.Ordinal)
    {
        "disponible", "disponibles", "joignable", "joignables", "permanence", "available", "reachable", "free",
    };

    /// <summary>Politeness or a want that makes a bare team name a request ("service client svp", "customer service please").</summary>
    public static readonly HashSet<string> AskingWords = new(StringComparer.Ordinal)
    {
        "plait", "svp", "stp", "please", "pls", "veux", "voudrais", "aimerais", "souhaite", "besoin", "want", "need", "now",
        "maintenant", "vite", "asap", "urgent",
    };

    /// <summary>What may stand beside a bare "rappel" asked for besides <see cref="AskingWords"/> ("un rappel s'il vous plaît, merci, c'est urgent").</summary>
    public static readonly HashSet<string> BareRappelCompanions = new(StringComparer.Ordinal)
    {
        "un", "s", "il", "vous", "te", "merci", "c", "est", "tres", "bonjour", "bonsoir", "salut", "des", "que", "possible",
        "rapidement", "aujourd", "hui", "demain", "matin",
        "apres", "avant", "entre", "vers", "partir", "a", "de", "et", "h", "aprem", "soir", "midi", // "rappel souhaité jeudi après 17h"
    };

    /// <summary>Verbs of arranging a call for the customer ("arrange a call", "planifier un appel").</summary>
    public static readonly HashSet<string> ArrangeWords = new(StringComparer.Ordinal)
    {
        "arrange", "schedule", "book", "request", "requesting", "organiser", "organisez", "planifier", "planifiez", "programmer",
    };

    /// <summary>Words between a want and a call ("un appel", "a quick phone call", "un petit appel téléphonique").</summary>
    public static readonly HashSet<string> CallDeterminers = new(StringComparer.Ordinal)
    {
        "un", "a", "an", "phone", "telephone", "quick", "short", "petit", "court", "d",
    };
    /// <summary>Verbs of meeting a person in its base form ("rencontrer quelqu'un", "venir voir un conseiller", "see someone", "meet an adviser").</summary>
    public static readonly HashSet<string> MeetVerbs = new(StringComparer.Ordinal) { "rencontrer", "voir", "meet", "see" };

    /// <summary>Modals before a verb of meeting ("je peux venir voir", "could I see", "I'd like to meet").</summary>
    public static readonly HashSet<string> MeetModals = new(StringComparer.Ordinal)
    {
        "peux", "puis", "pourrais", "pourrait", "pourrions", "peut", "pouvons", "voudrais", "veux", "aimerais", "dois", "devrais",
        "can", "could", "may", "might", "want", "like", "would", "need", "should",
    };

    /// <summary>An article or a possessive between a verb of meeting and the person ("voir un conseiller", "see your manager").</summary>
    public static readonly HashSet<string> PersonArticles = new(StringComparer.Ordinal)
    {
        "un", "une", "le", "la", "l", "votre", "ton", "a", "an", "the", "your", "one",
    };

    /// <summary>Where an appointment is with a person ("un rendez-vous physique", "en agence", "in person at your office").</summary>
    public static readonly HashSet<string> InPersonWords = new(StringComparer.Ordinal)
    {
        "physique", "physiquement", "personne", "agence", "agences", "bureau", "bureaux", "guichet", "person", "office", "offices", "branch", "face",
    };

    /// <summary>What may follow the person met: where, when, why or politeness ("quelqu'un à vos bureaux", "someone face to face", "an adviser about my bill").</summary>
    public static readonly HashSet<string> MeetContinuations = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "en", "de", "du", "des", "chez", "dans", "sur", "pour", "demain", "aujourd", "physiquement",
        "personnellement", "qui", "et", "ou", "plutot", "directement", "svp", "stp", "merci", "pls", "plz", "please", "at", "in",
        "about", "face", "today", "tomorrow", "asap", "from", "of", "here", "there", "personally", "physically", "who", "for",
        "on", "and", "or", "rather", "instead", "directly", "to", "regarding", "concerning",
    };

    /// <summary>Verbs of dealing with the matter that a way of speaking turns into a call with the service ("can we do this over the phone", "régler ça par téléphone avec vous").</summary>
    public static readonly HashSet<string> SettleVerbs = new(StringComparer.Ordinal)
    {
        "regler", "faire", "traiter", "gerer", "voir", "finir", "continuer", "poursuivre", "terminer", "resoudre", "discuter",
        "do", "sort", "settle", "handle", "deal", "finish", "continue", "solve", "resolve", "discuss",
    };

    /// <summary>Words asking for another channel than this chat ("can we do this over the phone instead", "plutôt").</summary>
    public static readonly HashSet<string> ChannelSwitchWords = new(StringComparer.Ordinal) { "plutot", "instead", "rather", "easier", "simpler", "quicker" };

    /// <summary>A phone number or line ("un numéro où ça décroche", "a line where someone answers").</summary>
    public static readonly HashSet<string> LineNouns = new(StringComparer.Ordinal) { "numero", "num", "ligne", "hotline", "number", "line", "phoneline" };

    /// <summary>Words before a number or a line that is sought, not the service's own ("un numéro où…", "is there a number", "what line").</summary>
    public static readonly HashSet<string> SoughtDeterminers = new(StringComparer.Ordinal)
    {
        "un", "une", "quel", "quelle", "autre", "a", "an", "any", "some", "what", "which", "another", "other",
    };

    /// <summary>Verbs of answering the phone ("ça décroche", "quelqu'un répond", "a human picks up").</summary>
    public static readonly HashSet<string> PickUpWords = new(StringComparer.Ordinal)
    {
        "decroche", "decrochent", "decrocher", "repond", "repondent", "repondre", "answers", "answer", "picks", "pick", "pickup",
    };

    /// <summary>Words saying a person, not a machine, answers ("pour de vrai", "vraiment", "a real person", "actually", "human").</summary>
    public static readonly HashSet<string> RealnessWords = new(StringComparer.Ordinal)
    {
        "vrai", "vraie", "vrais", "vraies", "vraiment", "humain", "humaine", "humains", "real", "really", "actual", "actually",
        "human", "humans",
    };

    /// <summary>"this", "ça": the matter at hand as the object of a verb of dealing with it.</summary>
    public static readonly HashSet<string> MatterPronouns = new(StringComparer.Ordinal) { "ca", "cela", "tout", "this", "it", "that", "things", "everything" };
}
