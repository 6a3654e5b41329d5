namespace Grid.Bot;

/// <summary>
/// A message that only reports that things went well ("le colis est bien arrivé, tout est ok", "the engineer turned up
/// on time today, great service", "j'ai payé ma facture hier", "merci pour votre aide, bonne journée"): there is no
/// question in it for the knowledge base, even though it shares words with entries (a parcel, an invoice, a technician).
/// Answering it would be an off-target answer, so the matcher stays silent and the bot answers in kind
/// (<see cref="SmallTalk"/>). A report is a message with no question mark, a word of completion or a closing
/// formula, and none of the words that turn it into a problem or a request: a negation ("pas", "still", "yet"), a
/// question or request word ("comment", "could", "voudrais"), a problem word ("mais", "trop", "damaged", "twice").
/// Conservative by design: an unclear message goes to the matcher.
/// </summary>
internal static class AllWellReport
{
    private const int MaxWords = 30;

    public static bool Is(string text)
    {
        if (text.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        var folded = TextNormalizer.Fold(text);
        foreach (var phrase in NoProblem)
        {
            folded = folded.Replace(phrase, " allwell ", StringComparison.Ordinal); // "pas de souci finalement", "no worries"
        }

        var words = folded.Replace("n't", " not", StringComparison.Ordinal)
            .Split([' ', ',', '.', '!', ';', ':', '\n', '\r', '\t', '-', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetter))
            .ToList();
        if (words.Count is 0 or > MaxWords || words.Where((w, i) => Spoils.Contains(w) && !WorksAgain(words, i)).Any())
        {
            return false;
        }

        return words.Where((w, i) => Completion(words, i)).Any() || HasClosing(words) || (words.Count <= 8 && HasWishes(words));
    }

    /// <summary>"works again", "fonctionne à nouveau": "again" after a word of completion is good news, not a relapse.</summary>
    private static bool WorksAgain(IReadOnlyList<string> words, int i) => words[i] == "again" && i > 0 && CompletionWords.Contains(words[i - 1]);

    /// <summary>A word saying something was done or works ("arrivé", "réparé", "fixed", "works"), or "tout est ok".</summary>
    private static bool Completion(IReadOnlyList<string> words, int i)
    {
        var word = words[i];
        var previous = i > 0 ? words[i - 1] : "";
        return CompletionWords.Contains(word)
            || (word is "passe" or "passee" or "venu" or "venue" && previous is "est" or "sont" or "bien")  // "le technicien est passé"
            || (word is "up" && previous is "turned" or "showed")                                          // "turned up"
            || (word is "ok" or "bon" or "good" or "fine" or "nickel" or "parfait" && previous is "est" or "all" or "tout" or "c'est" or "everything" or "is");
    }

    /// <summary>Thanks with a closing formula, and nothing else of substance ("merci pour votre aide, bonne journée").</summary>
    private static bool HasClosing(IReadOnlyList<string> words) =>
        words.Count <= 10
        && words.Any(w => w is "merci" or "thanks" or "thank" or "thx" or "mrc")
        && (Adjacent(words, "bonne", "journee") || Adjacent(words, "bonne", "soiree") || Adjacent(words, "bon", "weekend")
            || Adjacent(words, "nice", "day") || Adjacent(words, "good", "day") || Adjacent(words, "great", "service")
            || Adjacent(words, "votre", "aide") || Adjacent(words, "your", "help"));

    /// <summary>Season's wishes ("bonne année à toute l'équipe", "happy new year", "joyeux Noël").</summary>
    private static bool HasWishes(IReadOnlyList<string> words) =>
        Adjacent(words, "bonne", "annee") || Adjacent(words, "joyeux", "noel") || Adjacent(words, "bonnes", "fetes")
        || Adjacent(words, "new", "year") || Adjacent(words, "merry", "christmas") || Adjacent(words, "happy", "holidays");

    private static bool Adjacent(IReadOnlyList<string> words, string first, string second)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == first && words[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> CompletionWords = new(StringComparer.Ordinal)
    {
        "arrive", "arrivee", "arrives", "arrivees", "arrived", "recu", "recue", "recus", "received", "paye", "payee", "paid",
        "repare", "reparee", "repaired", "fixed", "resolu", "resolue", "resolved", "regle", "reglee", "sorted",
        "fonctionne", "remarche", "works", "working", "livre", "livree", "delivered", "came", "visited", "allwell",
        // praise
        "bravo", "satisfait", "satisfaite", "ravi", "ravie", "content", "contente", "impressed", "pleased", "delighted",
        "satisfied", "felicitations", "kudos",
    };

    /// <summary>Phrases saying there is no problem (any more), read as one word of completion.</summary>
    private static readonly string[] NoProblem =
    [
        "pas de souci", "pas de soucis", "pas de probleme", "plus de probleme", "no problem", "no worries", "never mind",
        "nevermind", "laissez tomber", "laisse tomber", "c'est regle", "c'est bon",
    ];

    /// <summary>Words after which the message is a problem or a request, not a report that all is well.</summary>
    private static readonly HashSet<string> Spoils = new(StringComparer.Ordinal)
    {
        // negations and "not yet"
        "pas", "ne", "n", "jamais", "plus", "toujours", "encore", "rien", "aucun", "aucune", "sans", "not", "no", "never",
        "nothing", "still", "yet", "cannot", "dont", "didnt", "doesnt", "isnt", "wasnt", "hasnt", "havent", "wont", "cant",
        "nobody", "nowhere",
        // question and request words
        "comment", "pourquoi", "quand", "combien", "quel", "quelle", "quels", "quelles", "est-ce", "pouvez", "pourriez",
        "pourrais", "peux", "puis", "voudrais", "voudrions", "veux", "voulais", "souhaite", "souhaiterais", "aimerais", "besoin",
        "faut", "dois", "svp", "stp", "how", "why", "when", "where", "what", "which", "who", "can", "could", "would", "will",
        "should", "need", "want", "please", "pls", "plz", "must", "send", "envoyez", "envoyer",
        // problems
        "mais", "but", "probleme", "problemes", "problem", "issue", "erreur", "error", "faux", "wrong", "trop", "too", "deux",
        "twice", "double", "doublon", "fois", "again", "supprime", "deleted", "perdu", "lost", "casse", "cassee", "broken",
        "abime", "abimee", "endommage", "endommagee", "damaged", "panne", "fuite", "leak", "bloque", "bloquee", "stuck",
        "urgent", "retard", "late", "relance", "reminder", "rejete", "rejetee", "refuse", "refusee", "rejected", "refused",
        "failed", "echec", "bounced", "impaye", "unpaid", "frais", "fee", "fees", "penalite", "penalty", "mauvais", "mauvaise",
        "bad", "manque", "missing", "incomplet", "seulement", "only", "partiellement", "partly", "moitie", "half", "instead",
        "lieu", "autre", "another", "other", "wrongly", "weird", "bizarre", "etrange", "strange", "cher", "expensive",
        "stopped", "stop", "stops", "arrete", "arretee", "quit", "ceased", "plante",
        // working, but badly ("barely works", "fonctionne mal", "les radiateurs sont tièdes")
        "barely", "hardly", "badly", "poorly", "partially", "sometimes", "intermittently", "mal", "parfois", "peine",
        "lukewarm", "tiede", "tiedes", "weak", "faible", "faibles", "cold", "froid", "froids", "froide", "noisy", "bruit",
        // "où" folds to "ou": "préférence facture papier, où ça se règle"
        "ou",
    };
}
