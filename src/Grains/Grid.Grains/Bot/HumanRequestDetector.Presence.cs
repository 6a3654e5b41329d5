namespace Grid.Bot;

/// <summary>
/// The rule of whether someone is there (<see cref="HumanRequestDetector"/>, rule "presence"): a person present, real or
/// reading the customer's messages.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// Whether the clause asks if someone is there or real ("il y a quelqu'un ?", "is anyone there", "y a des gens
    /// derrière ce chat ?"), or its part after an "or" does ("is it just bots or is there a human somewhere", "c'est un
    /// robot ou y a quelqu'un ?").
    /// </summary>
    private static bool ChecksPresence(IReadOnlyList<string> clause)
    {
        var or = clause.Count - 1;
        while (or > 0 && clause[or] is not ("or" or "ou"))
        {
            or--;
        }

        return ChecksPresenceIn(clause) || (or > 0 && ChecksPresenceIn([.. clause.Skip(or + 1)]));
    }

    private static bool ChecksPresenceIn(IReadOnlyList<string> clause) =>
        clause.Any(BotLexicon.PresencePersons.Contains)
        && ((Words(clause) <= 7 && clause.Any(BotLexicon.PresenceWords.Contains)) || (clause.Count <= 9 && ChecksReading(clause))
            || (clause.Count <= 3 && clause.All(t => BotLexicon.PresencePersons.Contains(t) || BotLexicon.Hails.Contains(t)))) // "hello?? anyone??"
        && !clause.Any(BotLexicon.Negations.Contains)
        && !clause.Where((t, i) => BotLexicon.ContactVerbs.Contains(t) && !IsChatNoun(clause, i)).Any() // "someone to answer the phone there" is left to the contact rule
        && !clause.Any(t => t.Length > 3 && t.EndsWith("er", StringComparison.Ordinal) && !BotLexicon.PresencePersons.Contains(t)) // "y a qqn pour réparer"
        && !clause.Any(IsSendVerb) // "could you send someone out?": an intervention
        && !clause.Where((t, i) => t == "personne" && At(clause, i + 1) is "de" or "d" && IsTrapped(At(clause, i + 2))).Any(); // "ya personne de coincé": nobody stuck

    /// <summary>"coincé", "bloquée", "blessé": someone stuck or hurt, in "personne de coincé" (nobody stuck).</summary>
    private static bool IsTrapped(string token) =>
        token.StartsWith("coince", StringComparison.Ordinal) || token.StartsWith("bloque", StringComparison.Ordinal)
        || token.StartsWith("blesse", StringComparison.Ordinal) || token.StartsWith("enferme", StringComparison.Ordinal);

    /// <summary>"send", "dispatch", "envoyez": someone sent to the place, a visit rather than a person present.</summary>
    private static bool IsSendVerb(string token) => token is "send" or "sending" or "dispatch" || token.StartsWith("envoy", StringComparison.Ordinal);

    /// <summary>A short clause's length, "ce chat" / "this chat" not counted: "il y a des gens derrière ce chat ?" is as short as "y a des gens ?".</summary>
    private static int Words(IReadOnlyList<string> clause) => clause.Count - (clause.Where((_, i) => IsChatNoun(clause, i)).Any() ? 2 : 0);

    /// <summary>"ce chat", "the chat", "votre chat": the chat itself, not "chat" the verb of talking.</summary>
    private static bool IsChatNoun(IReadOnlyList<string> clause, int i) =>
        clause[i] == "chat" && At(clause, i - 1) is "ce" or "le" or "du" or "au" or "votre" or "ton" or "this" or "the" or "your" or "that";

    /// <summary>
    /// Whether someone reads the customer's messages ("is anyone reading this?", "est-ce que quelqu'un lit vraiment ces
    /// messages ?", "does anybody read these messages"): a reading verb in the present (a bare "read" only in a question
    /// that opens in the present) and the messages it reads, not "someone read my meter".
    /// </summary>
    private static bool ChecksReading(IReadOnlyList<string> clause) =>
        clause.Any(t => BotLexicon.ReadingVerbs.Contains(t) || (t == "read" && At(clause, 0) is "does" or "do" or "will" or "can"))
        && clause.Any(BotLexicon.ReadMessages.Contains);
}
