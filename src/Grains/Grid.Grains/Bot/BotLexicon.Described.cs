namespace Grid.Bot;

/// <summary>
/// The words of a person the customer met, asked for by what they did ("Could I speak to the technician who came last
/// week?", "passez-moi le monsieur qui est passé pour le compteur"): <see cref="HumanRequestDetector"/>'s "described"
/// rule. Lowercase and without accents.
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>
    /// People the customer met and describes by what they did ("the technician who came", "le monsieur qui est passé"):
    /// a person asked for only with a relative clause after them (<see cref="HumanRequestDetector"/>, rule "described").
    /// </summary>
    public static readonly HashSet<string> DescribedPersonNouns = new(StringComparer.Ordinal)
    {
        "technicien", "technicienne", "techniciens", "tech", "technico", "ingenieur", "plombier", "electricien", "installateur",
        "releveur", "monsieur", "homme", "femme", "fille", "garcon", "jeune", "type", "madame", "demoiselle", "livreur",
        "technician", "technicians", "engineer", "plumber", "electrician", "installer", "fitter", "guy", "man", "lady",
        "woman", "gentleman", "girl", "fellow", "chap", "bloke", "gal",
    };

    /// <summary>Verbs of talking for the rule "described": "parler au technicien qui…", "speak to the lady who…".</summary>
    public static readonly HashSet<string> DescribedTalkVerbs = new(StringComparer.Ordinal)
    {
        "parler", "reparler", "discuter", "echanger", "speak", "talk", "chat",
    };

    /// <summary>
    /// Words between the verb and the person for the rule "described" ("parler à nouveau au même technicien", "put me
    /// through to the same guy"); not "de"/"about", which talk about the person.
    /// </summary>
    public static readonly HashSet<string> DescribedPersonGap = new(StringComparer.Ordinal)
    {
        "a", "au", "avec", "le", "la", "l", "un", "une", "ce", "cette", "meme", "nouveau", "encore", "me", "moi", "m", "en",
        "relation", "contact", "ligne", "to", "with", "the", "that", "this", "same", "again", "back", "through", "please", "svp",
    };

    /// <summary>
    /// Verbs that have someone act, for the rule "described-call": "get the technician who came to call me", "demandez à
    /// la dame qui m'a eu de me rappeler".
    /// </summary>
    public static readonly HashSet<string> HaveSomeoneActVerbs = new(StringComparer.Ordinal)
    {
        "get", "have", "ask", "tell", "demander", "demandez", "demande", "dire", "dites", "faire", "faites",
    };

    /// <summary>
    /// A voice, which "real" or "human" makes a person asked for ("I just need a real voice", "une voix humaine") in the
    /// real-person rule; not one of the model's word classes.
    /// </summary>
    public static readonly HashSet<string> VoiceNouns = new(StringComparer.Ordinal) { "voice", "voix" };

    /// <summary>
    /// "passez la main", "passe la main": hand the conversation over, said to the bot (the hand-over rule, after a verb of
    /// passing in the present and before "la main").
    /// </summary>
    public static readonly HashSet<string> PassTheHandVerbs = new(StringComparer.Ordinal) { "passez", "passe", "passer", "passes" };

    /// <summary>The words that open a relative clause after the person for the rule "described": "qui", "que", "who", "that".</summary>
    public static readonly HashSet<string> RelativePronouns = new(StringComparer.Ordinal) { "qui", "que", "qu", "who", "that", "whom" };
}
