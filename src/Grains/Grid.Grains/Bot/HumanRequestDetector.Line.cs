namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> that read a person wanted on the line ("qui je peux avoir au
/// téléphone ?", "is there someone I can go through it with on the phone?"), a reception asked for ("je souhaite être
/// reçue en agence"), and the question about the bot itself that names a person without asking for one ("vous êtes un
/// robot ou une vraie personne ?").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "qui je peux avoir au téléphone ?", "qui pourrais-je avoir au bout du fil concernant…", "y a moyen d'avoir le
    /// technicien en ligne ?", "can I get someone on the phone", "est-ce que quelqu'un pourrait me guider au téléphone ?",
    /// "is there someone I can go through it with on the phone?": a person (or "qui"/"who") had on the line — "avoir",
    /// "have" or "get" with the person and a line after it — or a person with a modal next to it and the customer after
    /// them, a line further on. Asked, not told, negated ("je n'arrive pas à avoir quelqu'un au téléphone" complains), a
    /// question of hours or days, or how ("l'ouverture du compteur" is no hour).
    /// </summary>
    private static bool AsksForSomeoneOnTheLine(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => (NegatesTellsOrTimes(t) && t != "ouverture") || BotLexicon.HowWords.Contains(t) || BotLexicon.PastCopulas.Contains(t)))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            if (HasOnTheLine(clause, i) || GuidesOnTheLine(clause, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"avoir quelqu'un au téléphone", "qui je peux avoir au bout du fil", "get someone on the phone": had on the line, asked with a modal or a way.</summary>
    private static bool HasOnTheLine(IReadOnlyList<string> clause, int verb)
    {
        if (clause[verb] is not ("avoir" or "have" or "get") || AfterAuxiliary(clause, verb))
        {
            return false;
        }

        var asks = Enumerable.Range(0, verb).Any(k => BotLexicon.MeetModals.Contains(clause[k]) || clause[k] is "moyen" or "possible" or "possibilite");
        var who = Enumerable.Range(verb - 4, 4).Any(k => At(clause, k) is "qui" or "who" or "whom");
        var person = Enumerable.Range(verb + 1, 3).FirstOrDefault(j => j < clause.Count && (IsPerson(clause[j]) || BotLexicon.DescribedPersonNouns.Contains(clause[j])), -1);
        var line = who ? LinePhrase(clause, verb + 1, verb + 2) : person > 0 ? LinePhrase(clause, person + 1, person + 2) : -1;
        return asks && line > 0;
    }

    /// <summary>"quelqu'un pourrait me guider au téléphone", "someone I can go through it with on the phone": a person, a modal next to them, the customer after, a line after.</summary>
    private static bool GuidesOnTheLine(IReadOnlyList<string> clause, int person)
    {
        if (!IsStandalonePerson(clause[person]) || NamesATask(clause, person))
        {
            return false;
        }

        var modal = Enumerable.Range(person - 2, 5).FirstOrDefault(k => k != person && At(clause, k) is "can" or "could" or "pourrait" or "peut" or "puisse" or "pourriez" or "peux", -1);
        if (modal < 0)
        {
            return false;
        }

        var from = Math.Min(person, modal) + 1;
        var customer = Enumerable.Range(from, 6).FirstOrDefault(k => At(clause, k) is "me" or "m" or "moi" or "i" or "je" or "j", -1);
        return customer > 0 && LinePhrase(clause, customer + 1, customer + 8) > 0;
    }

    /// <summary>
    /// Where a line starts between <paramref name="from"/> and <paramref name="to"/>: "au téléphone", "par tel", "au bout
    /// du fil", "en ligne", "on/over the phone", "on the line"; -1 when none.
    /// </summary>
    private static int LinePhrase(IReadOnlyList<string> clause, int from, int to)
    {
        for (var i = Math.Max(0, from); i <= to && i < clause.Count; i++)
        {
            var next = At(clause, i + 1);
            var afterThe = next == "the" ? At(clause, i + 2) : next;
            if ((clause[i] is "au" or "par" && next is "telephone" or "tel" or "phone")
                || (clause[i] == "au" && next == "bout" && At(clause, i + 2) == "du" && At(clause, i + 3) == "fil")
                || (clause[i] == "en" && next == "ligne")
                || (clause[i] is "on" or "over" && afterThe is "phone" or "telephone" or "line"))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// "Je souhaite être reçue en agence", "je voudrais être reçu par un conseiller": a reception asked for (a wish before
    /// "être reçu"), at an agency or in person, or by a person.
    /// </summary>
    private static bool AsksToBeReceived(IReadOnlyList<string> clause)
    {
        if (clause.Any(NegatesTellsOrTimes))
        {
            return false;
        }

        for (var i = 1; i < clause.Count; i++)
        {
            if (clause[i] is "recu" or "recue" or "recus" or "recues" && clause[i - 1] == "etre" && CustomerWishesBefore(clause, i - 1)
                && (clause.Skip(i + 1).Take(4).Any(BotLexicon.InPersonWords.Contains)
                    || (At(clause, i + 1) == "par" && Enumerable.Range(i + 2, 3).Any(k => k < clause.Count && IsPerson(clause[k])))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"être reçue", "to be received": the passive of a reception asked for, not a thing received ("j'ai reçu un appel").</summary>
    private static bool IsReceptionAsked(IReadOnlyList<string> tokens, int i) =>
        tokens[i] is "recu" or "recue" or "received" && At(tokens, i - 1) is "etre" or "be";

    /// <summary>
    /// "Vous êtes un robot ou une vraie personne ?", "Am I talking to a bot or a human right now?", "r u a bot or a real
    /// person": the bot asked what it is, a machine or a person, and nothing wanted ("…? if bot, get me a real one" asks
    /// in its own clause). A question about the bot itself, which asks for no one (docs/person-request-definition.md).
    /// "C'est un robot ou une vraie personne qui me répond ?" is left to the other rules: its writer counted it a request.
    /// </summary>
    internal static bool AsksWhatTheBotIs(IReadOnlyList<string> clause)
    {
        if (clause.Count > 14 || !clause.Any(BotLexicon.BotNouns.Contains) || !clause.Any(t => t is "ou" or "or")
            || !clause.Any(t => BotLexicon.RealPersonNouns.Contains(t) || IsStandalonePerson(t))
            || clause.Any(t => BotLexicon.WantWords.Contains(t) || t is "get" or "give" or "passez" or "passe" or "donnez" or "please" or "svp" or "stp"))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            var addressed = clause[i] is "tu" or "vous" or "you" or "u" && (At(clause, i + 1) is "es" or "etes" or "are" or "r" || At(clause, i - 1) is "es" or "etes" or "are" or "r");
            var talkingTo = clause[i] is "talking" or "speaking" or "chatting" or "parle" or "discute" && At(clause, i - 1) is "i" or "je" or "m"
                && At(clause, i + 1) is "to" or "with" or "a" or "avec";
            if (addressed || (clause[i] == "t" && At(clause, i + 1) == "es") || talkingTo)
            {
                return true;
            }
        }

        return false;
    }
}
