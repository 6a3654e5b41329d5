namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> that read a person wanted away from the chat: met in person ("can I
/// come in and see someone", "y a-t-il une agence où je peux rencontrer quelqu'un ?"), the matter settled together by
/// voice ("can we do this over the phone instead", "je préfère régler ça par téléphone avec vous") and a line where a
/// person answers ("y a un numéro où ça décroche pour de vrai ?").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "can I come in and see someone", "est-ce que je peux venir voir quelqu'un à vos bureaux", "I'd like to meet an
    /// adviser": a verb of meeting in its base form (<see cref="BotLexicon.MeetVerbs"/>), the customer its subject with a
    /// modal or a wish a few words before it, and a person right after it (an article between), the clause ending or
    /// going on with where, when or why. Not told ("I met your adviser", "j'ai vu quelqu'un"), negated, a question of
    /// hours ("when can I see someone" asks when), nor a task for the person ("see someone to fix the lift").
    /// </summary>
    private static bool AsksToMeet(IReadOnlyList<string> clause)
    {
        if (clause.Any(NegatesTellsOrTimes))
        {
            return false;
        }

        for (var i = 1; i + 1 < clause.Count; i++)
        {
            if (!BotLexicon.MeetVerbs.Contains(clause[i]) || AfterAuxiliary(clause, i) || !CustomerWishesBefore(clause, i))
            {
                continue;
            }

            var person = BotLexicon.PersonArticles.Contains(clause[i + 1]) ? i + 2 : i + 1;
            var socialWorker = At(clause, person) is "assistante" or "assistant" or "social" && At(clause, person + 1) is "sociale" or "social" or "worker";
            person += socialWorker ? 1 : 0; // "rencontrer l'assistante sociale", "see the social worker": read from the pair's last word
            if (person < clause.Count && (IsPerson(clause[person]) || socialWorker) && !NamesATask(clause, person)
                && (person + 1 == clause.Count || BotLexicon.MeetContinuations.Contains(clause[person + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Pourrais-je avoir un rendez-vous physique dans votre agence ?", "can I book an appointment in person at your
    /// office?": an appointment the customer asks for (a modal or a wish before it) where people meet — in person, at an
    /// agency or an office. A technician's appointment at home names none of these and is the base's. Not negated, not
    /// told, not a question of hours.
    /// </summary>
    private static bool AsksAppointmentInPerson(IReadOnlyList<string> clause)
    {
        if (clause.Any(NegatesTellsOrTimes))
        {
            return false;
        }

        for (var i = 1; i < clause.Count; i++)
        {
            var appointment = (clause[i] == "vous" && clause[i - 1] == "rendez") || clause[i] is "appointment" or "meeting" or "entretien";
            if (appointment && CustomerWishesBefore(clause, clause[i] == "vous" ? i - 1 : i)
                && clause.Skip(i + 1).Take(6).Any(t => BotLexicon.InPersonWords.Contains(t)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "can we do this over the phone instead", "on peut faire ça par téléphone plutôt ?", "je préfère régler ça par
    /// téléphone avec vous": a verb of dealing with the matter (<see cref="BotLexicon.SettleVerbs"/>) with "this"/"ça" as
    /// its object, a way of speaking only a person offers after it, and the service on the other side: "with you"/"avec
    /// vous" in the clause, or "we"/"on" the verb's subject with a change of channel asked ("instead", "plutôt"). "Can I
    /// do it by phone?" asks how the customer alone may do something, which the base answers; "je peux payer par
    /// téléphone ?" names no matter; "on peut faire ça par téléphone ?" after a topic is as often a question of the
    /// channel ("je veux prendre l'électricité avec votre société, on peut faire ça par téléphone ?", eval-sealed6, an
    /// answer); none of them is read. Looking at the matter or discussing it together needs no more ("on peut voir ça
    /// par téléphone ?", "can we discuss this over the phone?": "voir", "regarder", "discuter", "discuss").
    /// </summary>
    private static bool SettlesTogetherByVoice(IReadOnlyList<string> clause)
    {
        var voice = VoicePhrase(clause);
        if (voice < 0 || clause.Any(t => BotLexicon.Negations.Contains(t) || BotLexicon.HowWords.Contains(t) || BotLexicon.HoursWords.Contains(t)
                || BotLexicon.MentionMarkers.Contains(t) || BotLexicon.PastCopulas.Contains(t)))
        {
            return false;
        }

        var withUs = Enumerable.Range(0, clause.Count - 1).Any(k =>
            (clause[k] == "avec" && clause[k + 1] is "vous" or "quelquun") || (clause[k] == "with" && clause[k + 1] is "you" or "someone" or "somebody"));
        var switches = clause.Any(BotLexicon.ChannelSwitchWords.Contains);
        for (var i = 1; i < voice; i++)
        {
            if (BotLexicon.SettleVerbs.Contains(clause[i]) && !AfterAuxiliary(clause, i)
                && BotLexicon.MatterPronouns.Contains(At(clause, i + 1))
                && (withUs || ((switches || clause[i] is "voir" or "revoir" or "regarder" or "discuter" or "discuss")
                    && Enumerable.Range(Math.Max(0, i - 3), i - Math.Max(0, i - 3)).Any(k => clause[k] is "we" or "on" or "nous"))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"je peux venir voir", "I'd like to meet", "can I come in and see", "où je pourrais rencontrer": the customer and a modal or a wish within five words before the verb.</summary>
    private static bool CustomerWishesBefore(IReadOnlyList<string> clause, int verb)
    {
        var from = Math.Max(0, verb - 5);
        var window = clause.Skip(from).Take(verb - from).ToList();
        return window.Any(t => t is "je" or "j" or "i" or "we" or "on" or "nous")
            && window.Any(t => BotLexicon.MeetModals.Contains(t) || BotLexicon.WishWords.Contains(t));
    }

    /// <summary>
    /// "Y a un numéro où ça décroche pour de vrai ?", "is there a number where a human actually picks up", "a line where
    /// someone really answers": a number or a line sought (an indefinite or interrogative word before it), a verb of
    /// answering the phone, and a word that says a person, not a machine, answers ("pour de vrai", "vraiment", "real",
    /// "actually", "human"). Not negated ("le numéro ne répond jamais vraiment" complains), not a question of hours or
    /// days ("à quel numéro ça répond vraiment le samedi ?" asks when), not told.
    /// </summary>
    private static bool AsksForAHumanLine(IReadOnlyList<string> clause) =>
        Enumerable.Range(1, Math.Max(0, clause.Count - 1)).Any(k => BotLexicon.LineNouns.Contains(clause[k]) && BotLexicon.SoughtDeterminers.Contains(clause[k - 1]))
        && clause.Any(BotLexicon.PickUpWords.Contains)
        && clause.Any(BotLexicon.RealnessWords.Contains)
        && !clause.Any(t => NegatesTellsOrTimes(t) || t is "never" or "jamais");

    /// <summary>
    /// "Qui est le responsable de la résidence ? Je veux lui parler aujourd'hui", "Who's the manager there? I want to
    /// speak to him": a wish to talk to "him", "her" or "them", a person the customer could talk to named in an earlier
    /// clause of the message. Not negated, not told.
    /// </summary>
    private static bool WantsToTalkToSomeoneNamedBefore(NormalizedText text, IReadOnlyList<string> clause) =>
        WantsToTalkToThem(clause) && text.Clauses.TakeWhile(c => !ReferenceEquals(c, clause)).Any(c => c.Where((t, i) => IsStandalonePerson(t)
            || (BotLexicon.DescribedPersonNouns.Contains(t) && (clause.Contains("passe") // "le technicien m'a laissé un message, je veux qu'on me le passe"
                || At(c, i + 1) is "qui" or "who" or "that"))).Any()); // "le technicien qui est passé mardi, je voudrais lui parler"

    /// <summary>"je veux lui parler", "I'd like to speak to them": a wish to talk to "him", "her" or "them", not negated or told.</summary>
    private static bool WantsToTalkToThem(IReadOnlyList<string> clause)
    {
        if (NegatesOrTells(clause))
        {
            return false;
        }

        for (var i = 1; i + 1 < clause.Count; i++)
        {
            var french = clause[i] is "lui" or "leur" && clause[i + 1] is "parler" or "causer" && (BotLexicon.WantWords.Contains(clause[i - 1]) || BotLexicon.MeetModals.Contains(clause[i - 1]));
            var english = clause[i] is "talk" or "speak" && At(clause, i + 1) is "to" or "with" && At(clause, i + 2) is "him" or "her" or "them"
                && clause.Take(i).Any(t => BotLexicon.WantWords.Contains(t) || BotLexicon.MeetModals.Contains(t));
            if ((french || english || WantsThemPutThrough(clause, i)) && !AfterAuxiliary(clause, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "je veux qu'on me le passe", "vous pouvez me la passer ?", "passez-le-moi", "put him through please": the one named
    /// before handed to the customer — "me le/la passer" after a want or a modal, "passez-le-moi", "put him/her/them
    /// through".
    /// </summary>
    private static bool WantsThemPutThrough(IReadOnlyList<string> clause, int i)
    {
        var wanted = clause.Take(i).Any(t => BotLexicon.WantWords.Contains(t) || BotLexicon.MeetModals.Contains(t) || t is "pouvez" or "please");
        return (clause[i] == "me" && clause[i + 1] is "le" or "la" && At(clause, i + 2) is "passe" or "passer" or "passiez" && wanted)
            || (clause[i] is "passez" or "passe" && clause[i + 1] is "le" or "la" && At(clause, i + 2) == "moi")
            || (clause[i] is "le" or "la" && clause[i + 1] == "ravoir" && wanted) // "le conseiller d'hier, je peux le ravoir ?"
            || (clause[i] == "put" && clause[i + 1] is "him" or "her" or "them" && At(clause, i + 2) == "through");
    }

    /// <summary>Whether the clause negates or tells what happened ("not", "ne", "yesterday", "said"): it asks for no one.</summary>
    private static bool NegatesOrTells(IReadOnlyList<string> clause) =>
        clause.Any(t => BotLexicon.Negations.Contains(t) || BotLexicon.MentionMarkers.Contains(t));

    /// <summary>A word that negates, tells what happened, or names an hour or a day: the clause asks for no one now.</summary>
    private static bool NegatesTellsOrTimes(string token) =>
        BotLexicon.Negations.Contains(token) || BotLexicon.MentionMarkers.Contains(token) || BotLexicon.HoursWords.Contains(token)
        || BotLexicon.DaysAndTimes.Contains(token) || IsClockTime(token);
}
