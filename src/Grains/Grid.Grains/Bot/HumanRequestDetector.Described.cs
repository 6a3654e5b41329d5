namespace Grid.Bot;

/// <summary>
/// The rule for a person the customer met, asked for by what they did (<see cref="HumanRequestDetector"/>, rule
/// "described").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "Could I speak to the technician who came to fix the lift last week?", "passez-moi le monsieur qui est passé pour
    /// le compteur", "I'd like to talk to the lady who called me this morning": a verb of talking, or a hand-over of the
    /// customer, then a person described by a relative clause — a technician, a man, a lady, whom the customer met. What the
    /// relative clause tells describes the person; the clause asks. A technician is otherwise no person asked for ("send a
    /// technician" asks for an intervention), so the relative clause is required. Not about someone ("parler du
    /// technicien qui…", "talk about the guy who…"), not told in the past, negated, or a question of when (before the relative
    /// clause: "pouvez-vous me passer le technicien qui est venu mardi ?" asks for him).
    /// </summary>
    private static bool AsksForDescribedPerson(IReadOnlyList<string> clause)
    {
        if (clause.Any(BotLexicon.Negations.Contains))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            // A day or a time in the relative clause tells when the person came ("qui est venu mardi"); only before it
            // does it ask when.
            if (TalksOrHandsOver(clause, i) && !IsPast(clause, i) && DescribedPersonAfter(clause, i) is var person and >= 0)
            {
                return !AsksWhen([.. clause.Take(person + 1)], i);
            }

            if (PutsTheCustomerThrough(clause, i) && !IsPast(clause, i) && DescribedPersonAfter(clause, i, described: false) is var handedTo and >= 0)
            {
                return !AsksWhen([.. clause.Take(handedTo + 1)], i);
            }
        }

        return false;
    }

    /// <summary>
    /// "Could you get the technician who came on Friday to call me?", "pouvez-vous demander au monsieur qui est passé de
    /// me rappeler", "ask the lady who called me to ring me back": a verb that has someone act (get, have, ask, tell;
    /// demander, dire, faire), the described person and a relative clause, then a call to the customer as the infinitive
    /// that verb asks for ("to call me", "de me rappeler") — a call inside the relative clause ("the guy who called me")
    /// has no such mark. Not negated, not told in the past ("I asked the technician who came to call me"), not a
    /// question of when.
    /// </summary>
    private static bool AsksDescribedPersonToCall(IReadOnlyList<string> clause)
    {
        if (clause.Any(BotLexicon.Negations.Contains))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            if (BotLexicon.HaveSomeoneActVerbs.Contains(clause[i]) && !IsPast(clause, i) && DescribedPersonAfter(clause, i) is var person and >= 0)
            {
                return !AsksWhen([.. clause.Take(person + 1)], i)
                    && Enumerable.Range(person + 2, Math.Max(0, clause.Count - person - 2)).Any(k => CallsTheCustomer(clause, k));
            }

            if (AsksWhetherTheyMay(clause, i) && DescribedPersonAfter(clause, i) is var subject and >= 0)
            {
                return Enumerable.Range(subject + 2, Math.Max(0, clause.Count - subject - 2)).Any(k => MayCallTheCustomer(clause, k));
            }
        }

        return false;
    }

    /// <summary>
    /// "Can the engineer who came on Tuesday call me?", "est-ce que le technicien qui est passé peut me rappeler ?": a
    /// question opening the clause ("can", "could", "est-ce que") whose subject is the described person.
    /// </summary>
    private static bool AsksWhetherTheyMay(IReadOnlyList<string> clause, int i) =>
        (i <= 1 && clause[i] is "can" or "could")
        || (clause[i] == "que" && At(clause, i - 1) == "ce" && At(clause, i - 2) == "est" && i <= 4);

    /// <summary>"call me", "ring me back", "peut me rappeler", "pourrait me contacter": the described person's call to the customer, asked.</summary>
    private static bool MayCallTheCustomer(IReadOnlyList<string> clause, int k) =>
        BotLexicon.CallbackVerbs.Contains(clause[k])
        && ((BotLexicon.SelfObjects.Contains(At(clause, k + 1)) && At(clause, k - 1) is not ("to" or "de" or "d") && clause[k] is not ("called" or "contacted"))
            || (BotLexicon.SelfObjects.Contains(At(clause, k - 1)) && At(clause, k - 2) is "peut" or "pourrait" or "pourra" or "pourraient" or "peuvent"));

    /// <summary>
    /// Where, within a few linking words after the verb (<see cref="BotLexicon.DescribedPersonGap"/>), a person is named
    /// and a relative clause opens right after them ("the technician who…", "la jeune femme qui…"); -1 when none is.
    /// </summary>
    private static int DescribedPersonAfter(IReadOnlyList<string> clause, int verb, bool described = true)
    {
        for (var j = verb + 1; j < clause.Count && j <= verb + 6; j++)
        {
            if (BotLexicon.DescribedPersonNouns.Contains(clause[j]) || IsPerson(clause[j]))
            {
                if (!described || BotLexicon.RelativePronouns.Contains(At(clause, j + 1)))
                {
                    return j;
                }

                if (!BotLexicon.DescribedPersonNouns.Contains(At(clause, j + 1))) // "la jeune femme qui…" goes on
                {
                    return -1;
                }
            }
            else if (!BotLexicon.DescribedPersonGap.Contains(clause[j]))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>A call to the customer marked as an infinitive: "to call me", "to ring us", "de me rappeler", "d'me recontacter".</summary>
    private static bool CallsTheCustomer(IReadOnlyList<string> clause, int k) =>
        BotLexicon.CallbackVerbs.Contains(clause[k])
        && ((At(clause, k - 1) == "to" && BotLexicon.SelfObjects.Contains(At(clause, k + 1)))
            || (BotLexicon.SelfObjects.Contains(At(clause, k - 1)) && At(clause, k - 2) is "de" or "d"));

    /// <summary>"speak", "parler", "reparler", or "passez-moi", "put me through", "connect me": talking, or the customer handed over.</summary>
    private static bool TalksOrHandsOver(IReadOnlyList<string> clause, int i) =>
        BotLexicon.DescribedTalkVerbs.Contains(clause[i])
        || ((BotLexicon.HandOverVerbs.Contains(clause[i]) || clause[i] is "passer" or "put") && NextToTheCustomer(clause, i));

    /// <summary>
    /// "mettez-moi en ligne avec un technicien", "put me through to the engineer", "passez-moi le technicien": the
    /// customer handed over to a person, which asks to talk to them even with no relative clause (a technician asked for
    /// without it is an intervention: "send a technician").
    /// </summary>
    private static bool PutsTheCustomerThrough(IReadOnlyList<string> clause, int i) =>
        (BotLexicon.HandOverVerbs.Contains(clause[i]) || clause[i] is "passer" or "put" or "mettez" or "mettre" or "mets")
        && NextToTheCustomer(clause, i)
        && (clause[i] is not ("mettez" or "mettre" or "mets") || clause.Skip(i + 1).Take(3).Any(t => t is "ligne" or "relation" or "contact"));

    /// <summary>"me" or "moi" right before or after the word ("passez-moi", "vous me passez", "put me through").</summary>
    private static bool NextToTheCustomer(IReadOnlyList<string> clause, int i) =>
        BotLexicon.SelfObjects.Contains(At(clause, i + 1)) || BotLexicon.SelfObjects.Contains(At(clause, i - 1));
}
