namespace Grid.Bot;

/// <summary>
/// The weaker, looser reading of a person request (<see cref="AsksToTalk"/>), asked only when no rule fired and the
/// knowledge base has no answer to give.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// Whether one clause of the message holds the three parts of a person request in any order — a person (or a
    /// misspelling of one), a way of talking (<see cref="BotLexicon.TalkWords"/>: "échange", "au téléphone", "de vive
    /// voix", "discuss", "a call") and a wish (<see cref="BotLexicon.WishWords"/>: "je sollicite", "est-ce que je
    /// pourrais", "I'd prefer", "would it be possible") — and nothing that makes it something else: a mention
    /// (<see cref="BotLexicon.MentionMarkers"/>, "était", "was"), a question about how or when to reach someone, which
    /// the base answers (<see cref="BotLexicon.HowWords"/>, <see cref="BotLexicon.HoursWords"/>, a clock time), a task
    /// for the person ("quelqu'un pour réparer"), a wish denied ("je ne veux pas parler à…") or talk of jobs. The rules
    /// above know word orders; this knows only words, so it catches the orders they do not ("je sollicite un échange
    /// avec un conseiller", "could a member of staff phone him") — and must never outrank an answer.
    /// </summary>
    public bool AsksToTalk(NormalizedText text) => !Solicits(text) && text.Clauses.Any(c => !DeclinesPerson(c) && TalkRequest(c)); // not "pas besoin qu'un conseiller me rappelle"

    private static bool TalkRequest(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => BotLexicon.MentionMarkers.Contains(t) || BotLexicon.PastCopulas.Contains(t) || BotLexicon.MentionTopics.Contains(t)
                || BotLexicon.HowWords.Contains(t) || BotLexicon.HoursWords.Contains(t) || BotLexicon.DaysAndTimes.Contains(t) || IsClockTime(t)))
        {
            return false;
        }

        var person = -1;
        for (var i = 0; i < clause.Count && person < 0; i++)
        {
            if (IsPerson(clause[i]) && !IsParticiple(clause, i))
            {
                person = i;
            }
        }

        if (person < 0 || NamesATask(clause, person) || !clause.Any(BotLexicon.TalkWords.Contains))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            if (BotLexicon.WishWords.Contains(clause[i]) && !Denied(clause, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"je ne veux pas", "veux pas", "I don't want", "no need for anybody to phone me": the wish is denied.</summary>
    private static bool Denied(IReadOnlyList<string> clause, int wish) =>
        At(clause, wish + 1) is "pas" or "plus" or "not" or "never" || At(clause, wish - 1) is "ne" or "n" or "not" or "no" || At(clause, wish - 2) is "not" or "ne" or "n";
}
