namespace Grid.Bot;

/// <summary>
/// The words that tell a request for a person from a mere mention of one (<see cref="HumanRequestDetector"/>,
/// <see cref="HumanRequestMeaning"/>): person nouns, contact, callback and talk words, wishes, and what makes a clause a
/// mention, a question about reaching someone, a task or a sales pitch. Lowercase and without accents.
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>Nouns naming a person the customer could talk to (both languages; after folding and SMS expansion).</summary>
    public static readonly HashSet<string> PersonNouns = new(StringComparer.Ordinal)
    {
        // French
        "conseiller", "conseillers", "conseillere", "conseilleres", "conseille", "teleconseiller", "teleconseillere",
        "teleconseillers", "teleconseilleres", "humain", "humaine", "humains", "personne",
        "personnes", "quelquun", "agent", "agents", "operateur", "operatrice", "operateurs", "interlocuteur", "interlocutrice",
        "responsable", "responsables", "superieur", "manager", "standardiste", "collaborateur", "collaboratrice", "chef",
        "superviseur", "superviseure", "superviseurs", "directeur", "directrice", "gerant", "gerante", "collegue", "collegues",
        "prepose", "preposee", "employe", "employee", "employes", "employees", "gestionnaire", "gestionnaires", "collaborateurs",
        "collaboratrices", "commercial", "commerciale", "commerciaux", "membre", "membres", "dame", "dames",
        "representant", "representante", "representants", "patron", "patronne", "cadre", "cadres", "gars", "mec", "leader", "leaders",
        "chargeclientele", "salarie", "salariee", "salaries", "salariees",
        // English
        "human", "humans", "person", "people", "someone", "somebody", "anyone", "anybody", "operator", "operators",
        "representative", "representatives", "advisor", "advisors", "adviser", "advisers", "manager", "managers",
        "supervisor", "supervisors", "staff", "member", "consultant", "rep", "reps", "boss", "colleague", "colleagues", "being",
        "salesperson", "salesman", "saleswoman", "coworker", "coworkers", "members", "staffer", "executive", "executives", "guys",
        "officer", "officers",
    };

    /// <summary>Person nouns strong enough to be a request on their own ("conseiller svp", "operator").</summary>
    public static readonly HashSet<string> StandalonePersonNouns = new(StringComparer.Ordinal)
    {
        "conseiller", "conseillere", "conseille", "teleconseiller", "teleconseillere", "humain", "humaine", "agent", "operateur", "operatrice", "interlocuteur",
        "personne", "quelquun", "responsable", "human", "person", "operator", "representative", "advisor", "adviser",
        "someone", "somebody", "manager", "supervisor", "superviseur", "rep", "prepose", "preposee", "executive",
        "representant", "representante", "leader", "chargeclientele",
    };

    /// <summary>
    /// Heads asked for as such ("je veux le chef", "je veux le directeur"), read like <see cref="StandalonePersonNouns"/>
    /// but kept apart from them: not matched with typos ("bosse" is a verb), and not one of the person-request model's word
    /// classes (the model already knows them as <see cref="PersonNouns"/>).
    /// </summary>
    public static readonly HashSet<string> HeadNouns = new(StringComparer.Ordinal)
    {
        "chef", "superieur", "directeur", "directrice", "patron", "patronne", "boss",
    };

    /// <summary>Real words one typo from a person noun, or two from a long one, which are not misspellings of it.</summary>
    public static readonly HashSet<string> NearPersonWords = new(StringComparer.Ordinal)
    {
        "manage", "manages", "managed", "argent", "perso", "persona", "advise", "advises", "advised", "propose", "proposee",
        "supervision", "supervisions", "superviser", "supervise", "representation", "representations", "represented",
        "conseillent", "conseillera", "conseillerai", "conseillait", "conseillez", "conseillons", "responsabilite",
        "interlocution",
    };

    /// <summary>Words that, right after a person named at a message's opening, go on about that person rather than ask for one.</summary>
    public static readonly HashSet<string> TellingContinuations = new(StringComparer.Ordinal)
    {
        "que", "qu", "qui", "dont", "m", "a", "avait", "est", "etait", "vient", "viens", "dit", "disait", "se",
        "who", "that", "which", "told", "said", "says", "was", "is", "has", "had", "came", "called", "promised", "did",
    };

    /// <summary>Words that may accompany a standalone person noun in a bare request ("un vrai conseiller svp", "live agent now").</summary>
    public static readonly HashSet<string> BareRequestFiller = new(StringComparer.Ordinal)
    {
        "un", "une", "le", "la", "l", "des", "de", "d", "du", "vrai", "vraie", "reel", "reelle", "physique", "en", "chair", "os",
        "s'il", "s", "il", "vous", "te", "plait", "merci", "bonjour", "salut", "bonsoir", "coucou", "maintenant", "vite",
        "urgent", "tout", "suite", "de", "suite", "je", "veux", "voudrais", "aimerais", "souhaite", "besoin", "ai", "j", "avoir",
        "a", "an", "the", "real", "live", "actual", "human", "please", "thanks", "thank", "you", "now", "hi", "hello", "hey",
        "i", "want", "need", "would", "like", "get", "me", "right", "immediately", "asap", "help", "just", "some", "one", "oui",
        "yes", "non", "no", "ok", "okay", "pour", "for", "moi", "svp", "pls", "stp", "encore", "again", "only", "seulement",
        "humaine", "humain", "aide", "au", "tel", "telephone", "phone", "par", "on", "the", "customer", "service", "client", "clientele",
        "etre", "being", "bruh", "mec", "juste", "c", "est", "tres", // "un conseiller humain svp c urgent"
        "with", "authority", "in", "charge", "senior", "competent", "competente", // "someone with authority, now"
        "direct", "directement", "team", // "le SAV direct svp", "team leader please"
    };

    /// <summary>Words of preference that, with a person noun, ask for one ("je préfère qu'un humain s'en occupe", "I'd rather deal with a human").</summary>
    public static readonly HashSet<string> PreferenceWords = new(StringComparer.Ordinal)
    {
        "prefere", "prefererais", "preferrais", "preferable", "rather", "prefer", "preferably",
    };

    /// <summary>Contact verbs that, with only the customer as object, ask for a person ("transfer me", "transférez-moi", "connect me").</summary>
    public static readonly HashSet<string> HandOverVerbs = new(StringComparer.Ordinal)
    {
        "transfer", "connect", "escalate", "transferez", "transferer", "transfere", "passez", "redirigez", "orientez", "route",
    };

    /// <summary>
    /// Verbs of contact in a request form (infinitive, imperative, base form): "parler", "passez", "talk", "connect"…
    /// Past participles ("parlé", "spoke") are not here: a past contact is a mention.
    /// </summary>
    public static readonly HashSet<string> ContactVerbs = new(StringComparer.Ordinal)
    {
        // French infinitives and imperatives
        "parler", "parlez", "discuter", "echanger", "joindre", "contacter", "contactez", "passer", "passez", "passe", "mettre",
        "mettez", "mets", "transferer", "transferez", "transfere", "rediriger", "redirigez", "orienter", "orientez", "appeler",
        "appelez", "rappeler", "rappelez", "recontacter", "recontactez", "avoir", "mis", "repondre", "repondez", "reponde",
        "jaser", "causer", "entretenir", "dialoguer", "communiquer", "transfert", "transmettre", "transmettez", "transmets",
        // French subjunctives ("qu'un conseiller me contacte", "qu'un agent reprenne la conversation") and taking over
        "contacte", "recontacte", "joigne", "reprenne", "reprendre",
        // English base forms
        "speak", "talk", "chat", "contact", "reach", "get", "connect", "transfer", "put", "escalate", "forward", "redirect",
        "answer", "respond", "reply", "pass", "getting", "attend", // "an officer to attend to me" (West African English)
        // "s'adresser à un représentant", "route me to", and a hand-over asked for in the passive ("être redirigé vers un
        // agent", "be transferred to the complaints team"; told in the past after an auxiliary, it is a mention)
        "adresser", "route", "redirige", "redirigee", "transferee", "transferred", "redirected", "routed", "connected",
        "basculer", "basculez", "bascule", "hook", // "basculez-moi vers le standard", "hook me up with customer service"
    };

    /// <summary>Words between a want and the person of the service it names ("I need one of your customer care officers", "l'un de vos conseillers").</summary>
    public static readonly HashSet<string> OneOfYourTeam = new(StringComparer.Ordinal)
    {
        "one", "of", "your", "customer", "care", "service", "services", "support", "l", "un", "une", "de", "vos", "votre", "du", "client",
    };

    /// <summary>Words after which a French participle spelling stands for an infinitive ("jveux parlé", "besoin de parlé").</summary>
    public static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    {
        "veux", "veut", "voudrais", "voudrait", "aimerais", "souhaite", "souhaiterais", "peux", "peut", "pourrais", "pouvez",
        "dois", "faut", "de",
    };

    /// <summary>Nouns that a word of reality turns into a request for a person ("une vraie personne", "un vrai monde", "quelqu'un de vivant").</summary>
    public static readonly HashSet<string> RealPersonNouns = new(StringComparer.Ordinal)
    {
        "personne", "personnes", "monde", "gens", "humain", "humaine", "humains", "etre", "quelquun", "interlocuteur",
        "person", "people", "human", "humans", "being", "someone", "somebody", "body",
        "conversation", "echange", // "une vraie conversation", "a real conversation"
    };

    /// <summary>Words saying a person is real and alive rather than a program.</summary>
    public static readonly HashSet<string> RealAdjectives = new(StringComparer.Ordinal)
    {
        "vrai", "vraie", "vrais", "vraies", "reel", "reelle", "reels", "vivant", "vivante", "real", "actual", "live", "living", "alive", "breathing",
    };

    /// <summary>Words of wanting after which a person noun is the one wanted ("je veux un agent", "besoin d'un conseiller", "I need a manager").</summary>
    public static readonly HashSet<string> WantWords = new(StringComparer.Ordinal)
    {
        "veux", "voudrais", "voudrait", "veut", "souhaite", "souhaiterais", "souhaiterait", "aimerais", "aimerait", "exige",
        "exigeons", "demande", "demandons", "besoin", "want", "need", "demand", "require", "desire", "desirerais", "desirerait",
        "faut", "faudrait", "prendrait", // "il me faut un conseiller", Québec "ça me prendrait quelqu'un au bout du fil"
    };

    /// <summary>Articles and possessives between a want and the person wanted.</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "un", "une", "le", "la", "l", "d", "de", "du", "a", "an", "the", "your", "vos", "votre", "some", "my", "mon", "ma", "usual", "habituel", "habituelle",
        "vrai", "vraie", "real", "actual", "live", "proper", "qualified", "competent", "bon", "autre", "another", "other",
    };

    /// <summary>Negations: "il n'y a personne dans l'ascenseur", "nobody there" state a fact, they do not ask.</summary>
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "n", "ne", "pas", "not", "no", "nobody", "aucun" };

    /// <summary>
    /// A question's first word ("can I still reach customer service on a Friday", "y a-t-il quelqu'un le samedi"): with a
    /// day or a time of day (<see cref="DaysAndTimes"/>), a contact verb asks about hours, not for a person now.
    /// </summary>
    public static readonly HashSet<string> QuestionOpeners = new(StringComparer.Ordinal)
    {
        "y", "est", "etes", "peut", "peux", "pouvez", "puis", "can", "could", "is", "are", "do", "does", "will", "would",
    };

    /// <summary>Days and parts of the week that make a contact question one about opening hours.</summary>
    public static readonly HashSet<string> DaysAndTimes = new(StringComparer.Ordinal)
    {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "weekend", "ferie", "feries",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekends", "holiday", "holidays",
        "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "lundis", "samedis", "dimanches",
        "evening", "evenings", "soir", "soirs", "midi", "lunchtime",
    };

    /// <summary>
    /// Words of talking with someone, in any form, for the looser reading of a request (<see cref="HumanRequestDetector.AsksToTalk"/>):
    /// verbs, participles and nouns alike, since the clause's other words decide ("un échange avec un conseiller").
    /// </summary>
    public static readonly HashSet<string> TalkWords = new(StringComparer.Ordinal)
    {
        "parler", "parle", "parlez", "discuter", "discute", "discussion", "echanger", "echange", "joindre", "joigne",
        "contacter", "contacte", "contactez", "appeler", "appelle", "appellent", "appelez", "appel", "rappeler", "rappelle",
        "rappelez", "rappel", "recontacter", "recontacte", "telephone", "telephonique", "telephoner", "voix", "fil",
        "entretien", "entretenir", "dialoguer", "conversation", "rendez", "jaser", "causer",
        "speak", "speaking", "talk", "talking", "chat", "chatting", "discuss", "discussing", "call", "calls", "phone",
        "ring", "contact", "reach", "voice", "conversation", "converse",
    };

    /// <summary>Words of wishing or asking politely, for the looser reading of a request ("je sollicite", "est-ce que je pourrais", "I'd prefer").</summary>
    public static readonly HashSet<string> WishWords = new(StringComparer.Ordinal)
    {
        "veux", "voudrais", "voudrait", "voudrions", "aimerais", "aimerait", "aimerions", "souhaite", "souhaiterais",
        "souhaiterai", "souhaiterait", "souhaitons", "pourrais", "pourriez", "pourrait", "pouvez", "puis", "possible", "desire", "desirerais",
        "sollicite", "demande", "besoin", "merci", "prefere", "prefererais", "faut", "faudrait", "prendrait", "svp",
        "vouloir", "reconnaissant", "reconnaissante", "exige",
        "want", "would", "like", "could", "can", "may", "please", "need", "prefer", "rather", "let", "grateful",
        "appreciate", "require", "demand", "kindly", "arrange",
    };

    /// <summary>A copula in the past: "le conseiller au téléphone était désagréable" describes someone, it asks for no one.</summary>
    public static readonly HashSet<string> PastCopulas = new(StringComparer.Ordinal)
    {
        "etait", "etaient", "ete", "avait", "avaient", "avais", "was", "were", "had", "been",
    };

    /// <summary>Words of a question about when someone can be reached, which the knowledge base answers (opening hours).</summary>
    public static readonly HashSet<string> HoursWords = new(StringComparer.Ordinal)
    {
        "hours", "horaires", "horaire", "heures", "opening", "ouverture", "ouvert", "ouverts", "ouverte", "open", "opens",
        "closing", "ferme", "fermez", "fermes", "fermeture", "close", "closes", "when", "quand", "early", "late", "tot", "tard",
    };

    /// <summary>Words naming the customer as the object of a call ("me", "moi", "m'").</summary>
    public static readonly HashSet<string> SelfObjects = new(StringComparer.Ordinal) { "me", "moi", "m", "us", "nous" };

    /// <summary>Auxiliaries that, right before a verb, put it in the past ("j'ai parlé", "vous m'avez rappelé", "was put").</summary>
    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "ai", "as", "a", "avons", "avez", "ont", "avait", "avais", "avaient", "est", "etait", "sont", "suis", "was", "were", "had",
        "has", "did", "doit", "devait", "va", "will", "should", "supposed", "ete", "been", "got", // "j'ai été transféré", "I got transferred"
    };

    /// <summary>
    /// Participles of speaking after an auxiliary ("votre conseillère m'a parlé d'un échéancier", "l'agent a indiqué"):
    /// someone's words reported, not a person asked for.
    /// </summary>
    public static readonly HashSet<string> ReportedSpeechParticiples = new(StringComparer.Ordinal)
    {
        "parle", "parlee", "appele", "appelee", "rappele", "rappelee", "contacte", "contactee", "ecrit", "repondu", "propose",
        "indique", "assure", "confirme", "mentionne", "annonce", "recommande", "suggere", "mentioned", "suggested",
        "recommended", "advised", "informed", "assured", "confirmed", "rang", "phoned", "emailed", "wrote",
    };

    /// <summary>Words that make a sentence tell what happened or what someone else does (a mention), not ask.</summary>
    public static readonly HashSet<string> MentionMarkers = new(StringComparer.Ordinal)
    {
        "hier", "deja", "dernier", "derniere", "dit", "disait", "devait", "promis", "explique", "spoke", "spoken", "talked", "said",
        "told", "already", "yesterday", "last", "came", "called", "says", "promised", "supposed", "explained",
    };

    /// <summary>Words allowed between a person noun and the contact verb after it ("a human I can talk to", "qqn peut me rappeler").</summary>
    public static readonly HashSet<string> NounVerbGap = new(StringComparer.Ordinal)
    {
        "i", "je", "j", "can", "could", "peut", "pourrait", "puisse", "qui", "a", "to", "me", "m", "who", "that", "with", "please",
        "pls", "svp", "stp", "moi", "que", "pour", "competent", "competente", "qualified", "qualifie", "qualifiee", "serious",
        "serieux", "serieuse",
        // who the person is ("a member of your team could contact me", "un conseiller de votre service peut me rappeler")
        "of", "your", "team", "staff", "from", "de", "du", "votre", "vos", "equipe", "service", "client", "clientele", "customer",
        // who is on duty ("quelqu'un de permanence pour me répondre", "someone available to talk to me")
        "permanence", "garde", "disponible", "available", "duty", "on",
    };

    /// <summary>Words allowed between a contact verb and the person noun after it ("mettez-moi en relation avec un conseiller").</summary>
    public static readonly HashSet<string> VerbNounGap = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "un", "une", "le", "la", "l", "les", "des", "de", "d", "du", "en", "relation", "contact", "moi",
        "me", "m", "vrai", "vraie", "reel", "reelle", "vos", "votre", "directement", "tout", "suite", "to", "with", "an", "the",
        "real", "live", "actual", "your", "one", "of", "through", "us", "directly", "this", "it", "some", "on", "over", "someone",
        "please", "svp", "stp", "pls", "in", "touch", "ligne", "telephone", "phone", "quickly", "vite", "now", "maintenant",
        "customer", "service", "client", "clientele", "support", "team", "equipe", "chez", "vous", "ma", "mon", "demande",
        "dossier", "my", "request", "case", "vers", "ton", "ta", "tes", "billing", "complaints", "technical", "technique",
        "rapport", "up", "w", // "mettre en rapport avec", "hook me up w"
    };

    /// <summary>Teams that stand for a person after a contact verb ("mis en relation avec le service client", "speak with support").</summary>
    public static readonly HashSet<string> ServiceNouns = new(StringComparer.Ordinal)
    {
        "support", "helpdesk", "hotline", "sav", "standard", "switchboard", "team", "equipe", "department", "departement",
    };

    /// <summary>Words of a question about how to reach someone, which the knowledge base answers ("comment joindre le service client ?").</summary>
    public static readonly HashSet<string> HowWords = new(StringComparer.Ordinal)
    {
        "comment", "quel", "quelle", "quels", "ou", "numero", "adresse", "how", "what", "which", "where", "number", "address",
    };

    /// <summary>Words after a person noun that make it a task for someone, not a conversation ("someone to fix", "qqn pour réparer").</summary>
    public static readonly HashSet<string> TaskLinks = new(StringComparer.Ordinal) { "to", "pour" };

    /// <summary>Words that make "être" + participle a request ("je voudrais être rappelé").</summary>
    public static readonly HashSet<string> PassiveAuxiliaries = new(StringComparer.Ordinal) { "etre", "be", "been", "being" };

    /// <summary>
    /// Words of a sales pitch or a partnership offer ("nous sommes une agence SEO… contactez-nous"): a message with one
    /// asks the company to call the sender, it is no customer asking for a person.
    /// </summary>
    public static readonly HashSet<string> SolicitationWords = new(StringComparer.Ordinal)
    {
        "seo", "referencement", "visibilite", "partenariat", "backlinks", "prospection", "leads", "partnership", "sponsored",
        "webinar",
    };

    /// <summary>Topics that mention people without asking for one: jobs, staff, the company.</summary>
    public static readonly HashSet<string> MentionTopics = new(StringComparer.Ordinal)
    {
        "recrutez", "recrute", "recrutement", "recruter", "embauchez", "embauche", "emploi", "job", "stage", "poste", "candidature",
        "salaire", "cv", "hiring", "hire", "career", "careers", "jobs", "vacancy", "vacancies", "salary", "postuler", "apply",
    };

    /// <summary>Words naming the bot (a refusal of it is a request for a person: "pas un robot", "stop the bot").</summary>
    public static readonly HashSet<string> BotNouns = new(StringComparer.Ordinal)
    {
        "bot", "robot", "chatbot", "machine", "automate", "ia", "repondeur", "bots", "robots",
        "algorithme", "algorithmes", "algorithm", "algorithms", "algo", // "une personne, pas un algorithme"
    };

    /// <summary>Words refusing the bot when near one of <see cref="BotNouns"/>.</summary>
    public static readonly HashSet<string> BotRefusals = new(StringComparer.Ordinal)
    {
        "pas", "not", "no", "stop", "arrete", "arretez", "marre", "useless", "nul", "nulle", "sers", "rien", "hate", "enough",
        "fed", "assez", "inutile", "done", "finished", "sick", "tired", "fini", "saoule", "soule", "ras",
        "complicated", "complex", "complique", "compliquee", "complexe", // "too complicated for a chatbot"
        "trust", "confiance", "nuts", "crazy", "fou", "folle", "dingue", "than", "plutot", // "driving me nuts", "rather a person than a bot"
        "off", "sortez", "sortir", // "get me off this bot", "sortez-moi de ce chatbot"
    };

    /// <summary>Verbs asking to escalate, a request for a person in a short clause ("escalate please", "escaladez").</summary>
    public static readonly HashSet<string> EscalateVerbs = new(StringComparer.Ordinal)
    {
        "escalate", "escalade", "escaladez", "escalader", "escalation",
    };

    /// <summary>What may be escalated in such a clause ("escalate my case", "escaladez mon dossier").</summary>
    public static readonly HashSet<string> EscalateObjects = new(StringComparer.Ordinal)
    {
        "this", "it", "my", "case", "ticket", "complaint", "issue", "mon", "ma", "dossier", "demande", "reclamation", "ca", "cela",
    };

    /// <summary>Departments a customer asks to be put through to ("put me through to billing", "le service contentieux").</summary>
    public static readonly HashSet<string> DepartmentNouns = new(StringComparer.Ordinal)
    {
        "billing", "accounts", "complaints", "sales", "facturation", "comptabilite", "contentieux", "reclamations", "recouvrement",
        "commercial", "technique", "competent", "concerne",
    };

    /// <summary>Nouns asking for human help without naming a person ("assistance humaine", "human help").</summary>
    public static readonly HashSet<string> HumanAdjectives = new(StringComparer.Ordinal) { "humain", "humaine", "human", "humaines", "reel", "reelle", "real", "live" };

    /// <summary>Nouns of help that a human adjective turns into a request ("assistance humaine", "human help").</summary>
    public static readonly HashSet<string> HelpNouns = new(StringComparer.Ordinal) { "assistance", "aide", "help", "support", "contact", "intervention", "interlocuteur", "voice", "voix" };
}
