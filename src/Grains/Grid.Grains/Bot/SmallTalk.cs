namespace Grid.Bot;

/// <summary>
/// Messages that only greet, thank or acknowledge ("bonjour", "slt", "merci beaucoup", "ok super", "hi there",
/// "thanks!"): the bot answers in kind ("greeting", "thanks") instead of counting a question it could not answer.
/// </summary>
internal static class SmallTalk
{
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";

    /// <summary>"greeting", "thanks" (also for a report that all went well, <see cref="AllWellReport"/>), or null when the message says anything else.</summary>
    public static string? Of(string text)
    {
        if (AllWellReport.Is(text))
        {
            return Thanks;
        }

        var words = TextNormalizer.Fold(text)
            .Split([' ', ',', '.', '!', '?', ';', ':', '\n', '\r', '\t', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetter))
            .ToList();
        if (words.Count is 0 or > 6 || !words.All(w => Greetings.Contains(w) || ThankWords.Contains(w) || Fillers.Contains(w)))
        {
            return null;
        }

        return words.Any(ThankWords.Contains) ? Thanks : words.Any(Greetings.Contains) ? Greeting : null;
    }

    public static string Answer(string kind, string language) => (kind, language == "fr") switch
    {
        (Thanks, true) => "Avec plaisir ! Si vous avez une autre question, je suis là.",
        (Thanks, false) => "You're welcome! If you have another question, I'm here.",
        (_, true) => "Bonjour ! Je suis l'assistant du service client. Posez-moi votre question, ou demandez à parler à un conseiller.",
        _ => "Hello! I'm the customer service assistant. Ask me your question, or ask to talk to an adviser.",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "bonjour", "bonsoir", "salut", "slt", "bjr", "bsr", "coucou", "hello", "hi", "hey", "yo", "allo", "good", "morning",
        "afternoon", "evening", "there",
    };

    private static readonly HashSet<string> ThankWords = new(StringComparer.Ordinal)
    {
        "merci", "mrc", "thanks", "thank", "thx", "ty", "cheers", "parfait", "super", "top", "genial", "great", "perfect", "cool",
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "ok", "okay", "oki", "dac", "daccord", "d'accord", "beaucoup", "bcp", "infiniment", "you", "so", "much", "a", "lot", "madame",
        "monsieur", "tout", "le", "monde", "all", "again", "encore", "bien", "tres", "very", "oui", "yes", "vous", "a", "tous",
    };
}
