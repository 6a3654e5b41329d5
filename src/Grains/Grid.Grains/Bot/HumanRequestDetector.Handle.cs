namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> that read a person of the service asked to take the case in hand
/// ("could a member of staff review my account?", "est-ce que quelqu'un de chez vous peut se pencher sur ma facture ?",
/// "je veux que quelqu'un de compétent vérifie mon dossier", "can a colleague of yours take over?") and a question of
/// whom to talk to ("who can I talk to about my bill?", "à qui puis-je parler de ma facture ?").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// A person of the service (<see cref="BotLexicon.PersonNouns"/>: not a technician) asked, in a request form, to look
    /// at, check, review, handle or take over something: the form is a question of ability ("can/could someone…",
    /// "quelqu'un peut/pourrait…"), "please", or a wish for someone to do it ("I'd like somebody to…", "je veux que
    /// quelqu'un…", "est-il envisageable qu'un agent…"). Not when it tells ("an agent reviewed my file", "the manager
    /// said"), asks when or how, names equipment (<see cref="BotLexicon.EquipmentWords"/>: "can someone check the
    /// meter?") or sends someone (<see cref="BotLexicon.DispatchVerbs"/>: "can you send someone to look at it"): those ask
    /// for an intervention.
    /// </summary>
    private static bool AsksPersonToHandle(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => BotLexicon.EquipmentWords.Contains(t) || BotLexicon.DispatchVerbs.Contains(t) || BotLexicon.MentionMarkers.Contains(t)
            || t is "when" or "quand" or "how" or "comment"))
        {
            return false;
        }

        for (var p = 0; p < clause.Count; p++)
        {
            if (!IsPerson(clause[p]) || clause[p] is "people" or "personnes" or "guys" || IsParticiple(clause, p) || DescribesWriter(clause, p)
                || (clause[p] == "personne" && At(clause, p + 1) is "ne" or "n") // "personne ne peut…": nobody
                || !AskedOf(clause, p))
            {
                continue;
            }

            for (var v = p + 1; v < clause.Count && v <= p + 6; v++)
            {
                if (BotLexicon.HandleVerbs.Contains(clause[v]) && !AfterAuxiliary(clause, v)
                    && (!BotLexicon.HandleParticles.TryGetValue(clause[v], out var particles)
                        || particles.Contains(At(clause, v + 1)) || particles.Contains(At(clause, v + 2)))) // "prenne personnellement en charge"
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the person at <paramref name="person"/> is asked for something: a question of ability around it ("can
    /// someone…", "could a member of staff…", "quelqu'un peut…", "un agent pourrait-il…"), "please" before it, or a wish
    /// that it do something ("I'd like somebody to…", "I need someone to…", "je veux que quelqu'un…", "est-il possible
    /// qu'un agent…").
    /// </summary>
    private static bool AskedOf(IReadOnlyList<string> clause, int person)
    {
        for (var k = Math.Max(0, person - 5); k < person; k++)
        {
            if (clause[k] is "can" or "could" or "would" or "please" or "pls" or "kindly"
                || (clause[k] is "que" or "qu" && Enumerable.Range(k - 4, 4).Any(w => BotLexicon.WantWords.Contains(At(clause, w))
                    || At(clause, w) is "possible" or "envisageable" or "souhaiterais" or "sollicite" or "prie" or "merci")))
            {
                return true;
            }

            // "I need someone to…", "je sollicite l'intervention d'un agent pour traiter…"
            if ((BotLexicon.WantWords.Contains(clause[k]) || clause[k] is "sollicite" or "sollicitons" || (clause[k] == "like" && At(clause, k - 1) == "would"))
                && Enumerable.Range(person + 1, 4).Any(j => At(clause, j) is "to" or "pour" && BotLexicon.HandleVerbs.Contains(At(clause, j + 1))))
            {
                return true;
            }
        }

        // "quelqu'un peut se pencher…", "un agent pourrait-il examiner…", "someone could look at…"; a relative clause only
        // after "is there", "y a-t-il" ("is there someone who can review my account?", not "the adviser who can review it is away")
        var existential = clause.Take(person).Any(t => t is "there" or "y");
        return Enumerable.Range(person + 1, 5).Any(j => At(clause, j) is "peut" or "pourrait" or "pourraient" or "peuvent" or "could" or "can"
            && At(clause, j - 1) is not ("i" or "je" or "j")
            && (existential || !Enumerable.Range(person + 1, j - person - 1).Any(k => At(clause, k) is "who" or "qui" or "which" or "that" or "dont" or "que")));
    }

    /// <summary>
    /// "who can I talk to about my bill?", "to whom may I speak", "à qui puis-je parler de…", "avec qui je peux discuter
    /// de mon contrat": whom, a modal with the customer, and a verb of speaking (<see cref="BotLexicon.WhomVerbs"/>), which
    /// asks for the person to speak to. Not "à qui dois-je adresser cette demande ?", which asks where a request goes.
    /// </summary>
    private static bool AsksWhomToTalkTo(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            var whom = clause[i] is "who" or "whom" || (clause[i] == "qui" && At(clause, i - 1) is "a" or "avec" or "aupres");
            if (!whom)
            {
                continue;
            }

            for (var j = i + 1; j < clause.Count && j <= i + 6; j++)
            {
                if (BotLexicon.WhomVerbs.Contains(clause[j]) && !AfterAuxiliary(clause, j)
                    && Enumerable.Range(i + 1, j - i - 1).Any(k => clause[k] is "can" or "could" or "may" or "should" or "do" or "puis" or "peux" or "pourrais"
                        or "dois" or "devrais" or "faut" or "doit"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
