namespace Grid.Bot;

/// <summary>
/// The words of a presence check (<see cref="HumanRequestDetector"/>): asking whether someone is there, real, or reads
/// the customer's messages ("y a quelqu'un ?", "anyone there?", "is anyone reading this?"). Lowercase and without accents.
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>Who a presence check asks for ("y a quelqu'un ?", "anyone there?").</summary>
    public static readonly HashSet<string> PresencePersons = new(StringComparer.Ordinal)
    {
        "quelquun", "personne", "anyone", "anybody", "someone", "somebody", "human", "humain", "person", "humans", "monde", "gens",
    };

    /// <summary>Words that make a short clause with a <see cref="PresencePersons"/> ask whether someone is there or real.</summary>
    public static readonly HashSet<string> PresenceWords = new(StringComparer.Ordinal)
    {
        "y", "la", "present", "presente", "vivant", "vrai", "reel", "there", "here", "home", "awake", "alive", "real", "out",
        "around", "online", "derriere", "behind",
    };

    /// <summary>Calls into the void that may stand beside a lone "anyone" ("hello?? anyone??", "allo ? quelqu'un ?").</summary>
    public static readonly HashSet<string> Hails = new(StringComparer.Ordinal)
    {
        "hello", "hi", "hey", "allo", "alo", "bonjour", "salut", "oh", "ohe", "yo", "please", "pls", "svp", "excuse", "excusez", "moi", "me",
    };

    /// <summary>Verbs of reading a message now: "is anyone reading this?", "quelqu'un lit vraiment ces messages ?".</summary>
    public static readonly HashSet<string> ReadingVerbs = new(StringComparer.Ordinal)
    {
        "reading", "reads", "lit", "lisent", "lire", "lisez",
    };

    /// <summary>What a reading check asks about: the customer's own messages, not a meter or a letter.</summary>
    public static readonly HashSet<string> ReadMessages = new(StringComparer.Ordinal)
    {
        "this", "these", "message", "messages", "mail", "mails", "email", "emails", "chat", "ca", "ceci", "ces", "mes",
    };

    /// <summary>Languages a customer asks whether staff speak ("do your staff speak English?", "vos conseillers parlent arabe ?").</summary>
    public static readonly HashSet<string> LanguageNames = new(StringComparer.Ordinal)
    {
        "english", "anglais", "french", "francais", "arabic", "arabe", "spanish", "espagnol", "german", "allemand", "italian", "italien",
        "portuguese", "portugais", "polish", "polonais", "turkish", "turc", "russian", "russe", "chinese", "chinois", "dutch", "neerlandais",
        "patois", "creole", "wolof", "lingala", "bambara", "kabyle", "berbere", "tamil", "tamoul", "hindi", "urdu", "ourdou", "vietnamese",
        "vietnamien", "romanian", "roumain", "sign",
    };

    /// <summary>Relatives and neighbours a customer writes for ("mon fils… pourriez-vous le contacter ?").</summary>
    public static readonly HashSet<string> RelativeNouns = new(StringComparer.Ordinal)
    {
        "fils", "fille", "mere", "pere", "maman", "papa", "mari", "femme", "epouse", "frere", "soeur", "voisin", "voisine", "grand",
        "son", "daughter", "mother", "father", "mum", "mom", "dad", "husband", "wife", "brother", "sister", "neighbour", "neighbor", "grandmother", "grandfather", "gran", "nan",
    };
}
