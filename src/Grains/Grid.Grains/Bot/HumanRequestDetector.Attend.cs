namespace Grid.Bot;

/// <summary>
/// Readings of eval-persons37 and 38 (docs/bot-evaluation.md, "Twenty-sixth round"): someone of the company asked to a
/// meeting, a person free to take the matter, a person asked to receive the customer.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>Verbs of being at a meeting: to attend, join, come to it, present at it.</summary>
    private static readonly HashSet<string> AttendVerbs = new(StringComparer.Ordinal)
    {
        "attend", "join", "come", "participate", "present", "participer", "participe", "assister", "assiste", "venir", "vienne",
        "viennent", "presenter", "presente", "etre",
    };

    /// <summary>A meeting the customer holds or goes to: "the meeting with the social worker", "notre AG du 18".</summary>
    private static readonly HashSet<string> MeetingNouns = new(StringComparer.Ordinal)
    {
        "meeting", "reunion", "ag", "assemblee", "conference",
    };

    /// <summary>
    /// "Could someone from your company attend the meeting with the social worker on Tuesday?", "Est-ce que quelqu'un de
    /// chez vous pourrait participer à la réunion… ?", "Nous souhaiterions qu'un responsable de chez vous vienne présenter
    /// les nouveaux tarifs lors de notre AG": a person asked to be at a meeting — a person, then within six words a verb
    /// of attending, then within ten a meeting. Not negated, not told ("the adviser came to our meeting").
    /// </summary>
    private static bool AsksSomeoneToAMeeting(IReadOnlyList<string> clause)
    {
        if (NegatesOrTells(clause))
        {
            return false;
        }

        for (var p = 0; p < clause.Count; p++)
        {
            if (!(BotLexicon.PresencePersons.Contains(clause[p]) || IsPerson(clause[p])))
            {
                continue;
            }

            for (var v = p + 1; v < Math.Min(clause.Count, p + 7); v++)
            {
                if (AttendVerbs.Contains(clause[v]) && Enumerable.Range(v + 1, 10).Any(m => MeetingNouns.Contains(At(clause, m))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// "just let me know when a real agent is free to take this", "dites-moi quand un conseiller sera libre pour prendre
    /// mon dossier": a person free or available, then "to take" or "pour prendre". Not negated, not told.
    /// </summary>
    private static bool FreeToTakeIt(IReadOnlyList<string> clause)
    {
        if (NegatesOrTells(clause))
        {
            return false;
        }

        return Enumerable.Range(0, clause.Count).Any(p => (BotLexicon.PresencePersons.Contains(clause[p]) || IsStandalonePerson(clause[p]))
            && Enumerable.Range(p + 1, 3).Any(f => At(clause, f) is "free" or "available" or "libre" or "disponible" or "dispo"
                && ((At(clause, f + 1) is "to" && At(clause, f + 2) is "take" or "pick")
                    || (At(clause, f + 1) is "pour" && (At(clause, f + 2) is "prendre" || (At(clause, f + 2) is "me" && At(clause, f + 3) is "prendre"))))));
    }

    /// <summary>
    /// "La responsable de l'agence, Mme Bernard, peut-elle me recevoir la semaine prochaine ?", "pourriez-vous nous
    /// recevoir ?": the customer asked to be received, after a modal. Not negated, not told, not a question of hours
    /// ("à quelle heure pouvez-vous me recevoir" asks when).
    /// </summary>
    private static bool AsksToReceiveMe(IReadOnlyList<string> clause) =>
        !NegatesOrTells(clause) && !clause.Any(t => BotLexicon.HoursWords.Contains(t) || t == "heure")
        && Enumerable.Range(2, Math.Max(0, clause.Count - 2)).Any(i => clause[i] == "recevoir" && clause[i - 1] is "me" or "nous"
            && Enumerable.Range(i - 4, 3).Any(k => At(clause, k) is "peut" or "pourrait" or "pouvez" or "pourriez" or "pourra" or "pourrez" or "peuvent"));
}
