namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> that read a person wanted as such: the bot refused ("pas un robot",
/// "I'm done with this bot"), human help, a preference, a real person, a person wanted or to explain to, and who counts
/// (anyone of the service, anyone on the line).
/// </summary>
internal sealed partial class HumanRequestDetector
{
    private static bool RefusesBot(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            if (!BotLexicon.BotNouns.Contains(clause[i]) && !AutomatedChat(clause, i))
            {
                continue;
            }

            for (var j = Math.Max(0, i - 7); j < Math.Min(clause.Count, i + 4); j++)
            {
                if (j != i && BotLexicon.BotRefusals.Contains(clause[j]) && !DescribesSelf(clause, j))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"un chat automatique", "des réponses automatiques", "an automated system": the bot, not "le prélèvement automatique".</summary>
    private static bool AutomatedChat(IReadOnlyList<string> clause, int i) =>
        clause[i] is "automatique" or "automatiques" or "automated" or "automatic"
        && (At(clause, i - 1) is "chat" or "reponse" or "reponses" or "message" or "messages" or "systeme" or "assistant" or "robot"
            || At(clause, i + 1) is "chat" or "reply" or "replies" or "answers" or "responses" or "system" or "assistant" or "messages");

    /// <summary>"I'm not a robot", "je ne suis pas un robot": the customer speaks of themself.</summary>
    private static bool DescribesSelf(IReadOnlyList<string> clause, int refusal) =>
        clause[refusal] is not ("done" or "finished" or "sick" or "tired" or "fini" or "saoule" or "soule") // "I'm done with this bot" refuses it
        && (At(clause, refusal - 1) is "am" or "suis" || At(clause, refusal - 2) is "am" or "suis");

    private static bool AsksHumanHelp(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            if ((clause[i] is "humain" or "humaine" or "human" or "humaines"
                    && (BotLexicon.HelpNouns.Contains(At(clause, i - 1)) || BotLexicon.HelpNouns.Contains(At(clause, i + 1))))
                || (clause[i] == "live" && At(clause, i + 1) is "support" or "help" or "assistance")) // "do you have live support?"
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"je préfère qu'un humain s'occupe de mon dossier", "I'd rather deal with an actual human being".</summary>
    private static bool PrefersPerson(IReadOnlyList<string> clause) =>
        clause.Any(BotLexicon.PreferenceWords.Contains) && clause.Any(IsStandalonePerson) && !clause.Any(t => t is "pas" or "not" or "ne" or "n");

    /// <summary>
    /// "une vraie personne", "un vrai monde", "un être humain", "quelqu'un de vivant", "a real person", "an actual human
    /// being": a person said to be real, which only a customer tired of the bot writes.
    /// </summary>
    private static bool AsksRealPerson(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            if (!(BotLexicon.RealPersonNouns.Contains(clause[i]) || IsHumanVoice(clause, i)) || DescribesSomeone(clause, i) || clause.Any(BotLexicon.MentionMarkers.Contains)
                || At(clause, i + 1).EndsWith("ed", StringComparison.Ordinal) || (At(clause, i + 1) == "m" && At(clause, i + 2) is "a" or "avait"))
            {
                continue;
            }

            if (IsHumanVoice(clause, i) || BotLexicon.RealAdjectives.Contains(At(clause, i - 1)) || (BotLexicon.RealAdjectives.Contains(At(clause, i + 1)) && At(clause, i + 1) != "live")
                || (At(clause, i + 1) == "de" && BotLexicon.RealAdjectives.Contains(At(clause, i + 2)))
                || (clause[i] is "etre" or "being" && At(clause, i + 1) is "humain" or "human")
                || (clause[i] is "being" && At(clause, i - 1) is "human"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "I just need a real voice", "une voix humaine svp", "a human voice": a voice said to be real or human stands for
    /// the person (<see cref="BotLexicon.VoiceNouns"/>; the real-person rule then asks for a word of reality before or
    /// after it, or "human" before it).
    /// </summary>
    private static bool IsHumanVoice(IReadOnlyList<string> clause, int i) =>
        BotLexicon.VoiceNouns.Contains(clause[i])
        && (BotLexicon.RealAdjectives.Contains(At(clause, i - 1)) || At(clause, i - 1) == "human" || At(clause, i + 1) is "humaine" or "reelle" or "vivante");

    /// <summary>"le technicien est une vraie personne", "she was a real person": a copula before it describes someone, it asks for no one.</summary>
    private static bool DescribesSomeone(IReadOnlyList<string> clause, int noun) =>
        Enumerable.Range(noun - 3, 2).Any(k => k > 0 && At(clause, k) is "est" or "etait" or "is" or "was" or "sont" or "are" or "were"
            && At(clause, k + 1) is not ("there" or "ce" or "il"));

    /// <summary>
    /// "je veux un agent compétent", "j'ai besoin d'un conseiller", "I need a supervisor": a person wanted as such, within a
    /// few words of the want, unless they are named for a task ("I need someone to fix the heating").
    /// </summary>
    private static bool WantsPerson(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            var mayHave = clause[i] == "have" && At(clause, i - 1) is "i" or "we" && At(clause, i - 2) is "can" or "could" or "may";
            if ((!BotLexicon.WantWords.Contains(clause[i]) && !mayHave) || (IsPast(clause, i) && clause[i] != "besoin")) // "j'ai besoin" is no past
            {
                continue;
            }

            for (var j = i + 1; j < clause.Count && j <= i + 7; j++)
            {
                if ((IsStandalonePerson(clause[j]) && (clause[j] is not ("personne" or "quelquun" or "someone" or "somebody") || FromTheService(clause, j) || OnTheLine(clause, j)))
                    || (IsPerson(clause[j]) && FromTheService(clause, j)) // "besoin d'un mec de chez vous"
                    || (IsPerson(clause[j]) && Enumerable.Range(i + 1, j - i - 1).Any(k => clause[k] is "your" or "vos" or "votre")))
                {
                    return !NamesATask(clause, j);
                }

                if (!BotLexicon.Determiners.Contains(clause[j]) && !BotLexicon.OneOfYourTeam.Contains(clause[j]) && clause[j] is not ("que" or "qu" or "voir" or "see" or "rencontrer" or "meet" or "to"))
                {
                    break; // "je voudrais qu'un conseiller…", "je veux que quelqu'un du service…", "I need one of your customer care officers" go on
                }
            }
        }

        return false;
    }

    /// <summary>
    /// "j'ai besoin d'expliquer ma situation à quelqu'un", "I need to explain this to somebody": a wish to explain, then
    /// the person it is to be explained to.
    /// </summary>
    private static bool ExplainsToPerson(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            var mayI = (clause[i] is "can" or "could" or "may" && At(clause, i + 1) is "i" or "we") || (clause[i] is "puis" or "peux" or "pourrais" && (At(clause, i + 1) == "je" || At(clause, i - 1) == "je")); // "can I explain this to somebody?"
            if ((!BotLexicon.WantWords.Contains(clause[i]) && !(clause[i] == "like" && At(clause, i - 1) == "would") && !mayI) || IsPast(clause, i))
            {
                continue;
            }

            var explain = Enumerable.Range(i + 1, 3).FirstOrDefault(k => At(clause, k) is "expliquer" or "explain" or "raconter" or "exposer", -1);
            if (explain < 0)
            {
                continue;
            }

            for (var j = explain + 1; j < clause.Count && j <= explain + 6; j++)
            {
                if (clause[j] is "a" or "to"
                    && (IsStandalonePerson(At(clause, j + 1)) || (BotLexicon.Determiners.Contains(At(clause, j + 1)) && IsStandalonePerson(At(clause, j + 2)))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"quelqu'un de votre service client", "someone from customer service": anyone, so long as they are of the service.</summary>
    private static bool FromTheService(IReadOnlyList<string> clause, int person) =>
        (At(clause, person + 1) is "de" or "du" or "from" or "of" or "in" or "at"
            && Enumerable.Range(person + 2, 3).Any(k => k < clause.Count && IsServiceTeam(clause, k)))
        || (At(clause, person + 1) == "de" && At(clause, person + 2) == "chez" && At(clause, person + 3) == "vous") // "une personne de chez vous"
        || (At(clause, person + 1) == "of" && At(clause, person + 2) == "yours"); // "someone of yours"

    /// <summary>"quelqu'un au bout du fil", "someone on the phone": anyone, so long as they are wanted on the line.</summary>
    private static bool OnTheLine(IReadOnlyList<string> clause, int person) =>
        (At(clause, person + 1) == "au" && (At(clause, person + 2) is "telephone" or "tel" or "phone"
            || (At(clause, person + 2) == "bout" && At(clause, person + 3) == "du" && At(clause, person + 4) is "fil" or "telephone")))
        || (At(clause, person + 1) == "en" && At(clause, person + 2) is "ligne" or "agence") // "quelqu'un en agence": face to face
        || (At(clause, person + 1) == "on" && At(clause, person + 2) == "the" && At(clause, person + 3) is "phone" or "line");
}
