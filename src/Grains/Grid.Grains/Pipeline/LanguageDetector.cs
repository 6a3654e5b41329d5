using Grid.Bot;

namespace Grid.Pipeline;

/// <summary>Tells French from English (the two languages customers write in), for answers in their language.</summary>
internal interface ILanguageDetector
{
    /// <summary>"fr" or "en"; <paramref name="fallback"/> when the text says too little to tell.</summary>
    string Detect(string text, string fallback);
}

/// <summary>
/// Counts frequent French and English words — function words, customer-service words, and each language's SMS
/// spellings ("bjr", "jsp", "vs" / "u", "pls", "dont") — on the text lowercased and without accents, so French
/// written without accents counts too; a word with a French accent counts for French. Short texts with no clue
/// keep the fallback (the conversation's language so far).
/// </summary>
internal sealed class StopWordLanguageDetector : ILanguageDetector
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "j", "qu", "et", "est", "es", "sont", "je", "tu", "il",
        "elle", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "ton", "ta", "tes", "sa", "ses", "notre", "votre", "vos",
        "leur", "pour", "pas", "ne", "n", "que", "qui", "quoi", "avec", "sur", "dans", "par", "au", "aux", "ce", "cet", "cette",
        "ces", "ca", "mais", "ou", "oui", "non", "merci", "bonjour", "bonsoir", "salut", "suis", "ai", "avez", "avons", "ont",
        "etes", "sommes", "peux", "peut", "pouvez", "veux", "voudrais", "faut", "fait", "faire", "comment", "quand", "quel",
        "quelle", "quels", "quelles", "pourquoi", "combien", "encore", "toujours", "deja", "rien", "tout", "tous", "plus", "tres",
        "bien", "aussi", "chez", "depuis", "parce", "moi", "toi", "lui", "en", "y", "se", "si", "mois", "jour", "heure", "facture",
        "factures", "compte", "contrat", "ascenseur", "chauffage", "panne", "eau", "conseiller", "demain", "hier", "aujourdhui",
        "quelqu", "madame", "monsieur", "besoin", "envoyer", "recu", "payer", "changer", "numero", "adresse", "encore", "plait",
        "humain", "conseillere", "quelquun", "operateur", "interlocuteur",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "an", "and", "is", "are", "was", "were", "i", "you", "he", "she", "we", "they", "my", "your", "our", "their", "for",
        "not", "to", "of", "in", "at", "with", "what", "where", "when", "why", "how", "who", "which", "hello", "hi", "hey",
        "thanks", "thank", "please", "am", "have", "has", "had", "it", "this", "that", "there", "can", "could", "would", "should",
        "will", "want", "need", "help", "still", "yes", "no", "do", "does", "did", "get", "got", "if", "or", "but", "from", "by",
        "just", "any", "some", "out", "up", "about", "after", "been", "so", "than", "then", "them", "these", "know", "like", "invoice",
        "bill", "agent", "account", "send", "pay", "change", "number", "address", "s", "t", "ll", "ve", "re",
        "here", "sorry", "around", "representative", "operator", "human", "person", "someone", "somebody", "advisor",
        "adviser", "supervisor", "manager", "customer", "anyone", "anybody",
    };

    public string Detect(string text, string fallback)
    {
        var fr = 0;
        var en = 0;
        foreach (var raw in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.AsSpan().IndexOfAny("éèêàùçôîûâëïÉÈÊÀÇ") >= 0)
            {
                fr++;
            }

            var word = TextNormalizer.Fold(raw);
            // An SMS spelling counts only when it is not a common word of the other language ("we" is English).
            if (French.Contains(word) || (BotLexicon.FrenchSms.ContainsKey(word) && !English.Contains(word)))
            {
                fr++;
            }

            if (English.Contains(word) || (BotLexicon.EnglishSms.ContainsKey(word) && !French.Contains(word)))
            {
                en++;
            }
        }

        return fr == en ? fallback : fr > en ? "fr" : "en";
    }

    private static readonly char[] Separators =
        [' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '\'', '’', '"', '(', ')', '-', '/', '«', '»', '“', '”'];
}
