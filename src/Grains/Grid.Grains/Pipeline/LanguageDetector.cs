namespace Grid.Pipeline;

/// <summary>Tells French from English (the two languages customers write in), for answers in their language.</summary>
internal interface ILanguageDetector
{
    /// <summary>"fr" or "en"; <paramref name="fallback"/> when the text says too little to tell.</summary>
    string Detect(string text, string fallback);
}

/// <summary>
/// Counts frequent French and English function words, and French accented letters. Short texts with no
/// clue keep the fallback (the conversation's language so far).
/// </summary>
internal sealed class StopWordLanguageDetector : ILanguageDetector
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "je", "j", "vous", "nous", "mon", "ma", "mes", "votre",
        "pour", "pas", "ne", "que", "qui", "avec", "sur", "dans", "bonjour", "merci", "svp", "suis", "ai", "facture", "au", "aux",
        "ce", "cette", "il", "elle", "sont", "mais", "ou", "oui", "non", "conseiller", "veux", "voudrais", "toujours", "encore",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "is", "are", "i", "you", "we", "my", "your", "for", "not", "to", "of", "in", "on", "with", "what",
        "where", "when", "why", "how", "hello", "hi", "thanks", "thank", "please", "am", "have", "has", "it", "this", "that",
        "invoice", "bill", "can", "could", "would", "want", "need", "help", "still", "yes", "no", "agent", "me", "do", "does",
    };

    public string Detect(string text, string fallback)
    {
        var fr = 0;
        var en = 0;
        foreach (var word in text.ToLowerInvariant().Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '\'', '’', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (French.Contains(word))
            {
                fr++;
            }

            if (English.Contains(word))
            {
                en++;
            }

            if (word.AsSpan().IndexOfAny("éèêàùçôîûâëï") >= 0)
            {
                fr++;
            }
        }

        return fr == en ? fallback : fr > en ? "fr" : "en";
    }
}
