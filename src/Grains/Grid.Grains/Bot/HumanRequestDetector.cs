namespace Grid.Bot;

/// <summary>
/// Recognises a request for a person in any message, French or English, over the normalised tokens of each clause
/// (word lists in <see cref="BotLexicon"/>). A clause is a request when it is
/// <list type="bullet">
/// <item>a bare request: a person noun with only politeness and fillers ("conseiller svp", "un vrai humain", "live agent");</item>
/// <item>a contact verb in a request form with a person noun after it or before it ("je veux parler à un conseiller",
/// "mettez-moi en relation avec…", "is there a human I can talk to"), or a team after it ("speak with customer
/// service"), unless the clause asks how ("comment joindre le service client ?" is a question the base answers);</item>
/// <item>a callback asked for ("rappelez-moi", "vous pouvez me rappeler", "être rappelé", "call me back", "a callback");</item>
/// <item>a refusal of the bot ("pas un robot", "stop the bot", "j'en ai marre de ce bot");</item>
/// <item>human help asked for ("assistance humaine", "human help");</item>
/// <item>a presence check: a short clause asking whether someone is there or real ("y a quelqu'un ?", "anyone there?",
/// "is there a real person out there", "is anyone reading this?"), not a negation ("il n'y a personne dans l'ascenseur").</item>
/// </list>
/// A clause that tells what happened or what someone else does is a mention, not a request: a contact verb right after
/// an auxiliary ("j'ai parlé", "vous m'avez rappelé", "doit me rappeler"), past or reported speech before it ("hier",
/// "said", "told"), a person noun that only names who does a task ("someone to fix the heating"), and talk of jobs
/// ("vous recrutez des conseillers ?").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>True when the message asks for a person.</summary>
    public bool IsRequest(NormalizedText text) => Rule(text) is not null;

    /// <summary>The name of the rule that recognised a request, or null (for tests and the evaluation's report).</summary>
    public string? Rule(NormalizedText text)
    {
        if (Solicits(text))
        {
            return null;
        }

        foreach (var clause in text.Clauses.SelectMany(AndTheTurnToThePoint))
        {
            if (clause.Any(BotLexicon.MentionTopics.Contains) || DeclinesPerson(clause) || AsksWhatTheBotIs(clause) || AsksWhoReadsLater(clause))
            {
                continue;
            }

            var rule = BareRequest(clause) ? "bare"
                : ReferenceEquals(clause, text.Clauses[0]) && OpensWithBareRequest(clause) ? "opening"
                : ThreatensUnlessCalled(clause) ? "unless-called"
                : ContactRequest(clause) ? "contact"
                : GiveMePerson(clause) ? "give-me"
                : CallbackRequest(clause) ? "callback"
                : RefusesBot(clause) ? "refuses-bot"
                : AsksHumanHelp(clause) ? "human-help"
                : ChecksPresence(clause) ? "presence"
                : PrefersPerson(clause) ? "prefers-person"
                : AsksHandOver(clause) ? "hand-over"
                : AsksToBeConnected(clause) ? "connect"
                : AsksRealPerson(clause) ? "real-person"
                : WantsPerson(clause) ? "wants-person"
                : ExplainsToPerson(clause) ? "explain-to-person"
                : WantsVoice(clause) ? "voice"
                : AsksForTheService(clause) ? "service"
                : ChecksAvailability(clause) || FreeToTakeIt(clause) ? "available"
                : AsksPersonToHandle(clause) ? "handle"
                : AsksWhomToTalkTo(clause) ? "whom"
                : AsksForDescribedPerson(clause) ? "described"
                : AsksDescribedPersonToCall(clause) ? "described-call"
                : AsksToMeet(clause) || AsksAppointmentInPerson(clause) || AsksToBeReceived(clause) || AsksToReceiveMe(clause) ? "meet"
                : AsksSomeoneToAMeeting(clause) ? "to-a-meeting"
                : SettlesTogetherByVoice(clause) ? "settle-by-voice"
                : AsksForAHumanLine(clause) ? "human-line"
                : WantsToTalkToSomeoneNamedBefore(text, clause) ? "talk-to-them"
                : AsksForSomeoneOnTheLine(clause) ? "on-the-line"
                : AsksACallInTheSubjunctive(clause) ? "subjunctive-call"
                : AwaitsACall(clause) ? "awaits-call"
                : GivesANumberToReach(clause) ? "reach-me"
                : AsksACallForSomeone(text, clause) ? "call-for-someone"
                : null;
            if (rule is not null)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// A clause and, where it turns to the point after telling ("…ma voisine dit que chez elle c'est pareil bref est-ce
    /// que quelqu'un peut me rappeler", dictated without a stop), what follows "bref" or "anyway" as a clause of its own.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> AndTheTurnToThePoint(IReadOnlyList<string> clause)
    {
        yield return clause;
        var turn = Enumerable.Range(1, Math.Max(0, clause.Count - 2)).LastOrDefault(i => clause[i] is "bref" or "anyway" or "anyways", -1);
        if (turn > 0)
        {
            yield return [.. clause.Skip(turn + 1)];
        }
    }

    /// <summary>A sales pitch ("agence SEO… contactez-nous"): it asks the company to call the sender, no person is asked for.</summary>
    private static bool Solicits(NormalizedText text) => text.Tokens.Any(BotLexicon.SolicitationWords.Contains);

    private static bool BareRequest(IReadOnlyList<string> clause) =>
        clause.Count <= 10
        && clause.Any(IsStandalonePerson)
        && clause.All(t => BotLexicon.BareRequestFiller.Contains(t) || IsPerson(t));

    /// <summary>
    /// A message that opens with a bare request and politeness, then says why without a stop between ("pls un conseiller
    /// jcomprend rien a ma facture", "un humain svp ma facture a doublé", "agent please my bill doubled"): the opening words,
    /// before anything else is said, are a person asked for. Politeness is required next to the person ("un conseiller m'a
    /// dit…" opens with a person too, and tells), and the words after the opening must not go on about that person ("svp le
    /// conseiller que j'ai eu hier…", "the agent who…": <see cref="BotLexicon.TellingContinuations"/>).
    /// </summary>
    private static bool OpensWithBareRequest(IReadOnlyList<string> clause)
    {
        var opening = clause.Take(7).TakeWhile(t => BotLexicon.BareRequestFiller.Contains(t) || IsPerson(t)).ToList();
        return opening.Count < clause.Count
            && !BotLexicon.TellingContinuations.Contains(clause[opening.Count])
            && opening.Any(IsStandalonePerson)
            && opening.Any(t => t is "plait" or "please" or "pls" or "svp" or "stp" or "plz");
    }

    private static bool ContactRequest(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            if (!IsContactVerb(clause, i) || IsPast(clause, i) || AsksWhen(clause, i) || AsksHowToReach(clause, i) || AsksAboutStaff(clause, i) || AsksWhetherNeeded(clause, i))
            {
                continue;
            }

            if (PersonAfter(clause, i) || PersonBefore(clause, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"give me a human", "donne-moi un conseiller": a person asked for as what the customer is given.</summary>
    private static bool GiveMePerson(IReadOnlyList<string> clause)
    {
        for (var i = 0; i + 2 < clause.Count; i++)
        {
            if (clause[i] is "give" or "donne" or "donnez" or "donnes" && BotLexicon.SelfObjects.Contains(clause[i + 1]))
            {
                for (var j = i + 2; j < clause.Count && j <= i + 5; j++)
                {
                    if (IsStandalonePerson(clause[j]))
                    {
                        return !NamesATask(clause, j);
                    }

                    if (!BotLexicon.BareRequestFiller.Contains(clause[j]))
                    {
                        break;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a clause that names a team asks how or where to reach it (<see cref="BotLexicon.HowWords"/>: "comment
    /// joindre le service client", "où contacter le SAV"), which the base answers. "où" folds to "ou", which after a team
    /// the customer asks to be handed to is "or": "vous me passez le service réclamations ou je dois hurler ?" asks for
    /// it; "je peux appeler votre service client après le boulot ou c'est fermé ?" asks when.
    /// </summary>
    private static bool AsksHowToReach(IReadOnlyList<string> clause, int verb, int team)
    {
        var handedOver = BotLexicon.HandOverVerbs.Contains(clause[verb]) && NextToTheCustomer(clause, verb);
        return clause.Where((t, k) => BotLexicon.HowWords.Contains(t) && !(t == "ou" && k > team && handedOver)).Any();
    }

    /// <summary>"parler à un conseiller", "put me through to a member of your team": a person within a few linking words.</summary>
    private static bool PersonAfter(IReadOnlyList<string> clause, int verb)
    {
        var unknown = 0;
        for (var j = verb + 1; j < clause.Count && j <= verb + 9; j++) // "me mettre en relation avec l'un de vos conseillers"
        {
            if ((IsPerson(clause[j]) && clause[j] != "guys") || OneOfYou(clause, j))
            {
                return !NamesATask(clause, j);
            }

            if (IsServiceTeam(clause, j) || clause[j] == "guys") // "you guys" is the company, like a team
            {
                return !AsksHowToReach(clause, verb, j);
            }

            if (!BotLexicon.VerbNounGap.Contains(clause[j]) && ++unknown > 1)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "talk to one of you", "parler à l'un de vous", "un d'entre vous": one of the service's people, named by the
    /// company ("you", "vous") rather than by a person noun ("one of your bills" is no one).
    /// </summary>
    private static bool OneOfYou(IReadOnlyList<string> clause, int j) =>
        (clause[j] == "one" && At(clause, j + 1) == "of" && At(clause, j + 2) is "you" or "yous" or "ya")
        || (clause[j] is "un" or "une" && At(clause, j + 1) is "de" or "d"
            && (At(clause, j + 2) == "vous" || (At(clause, j + 2) == "entre" && At(clause, j + 3) == "vous")));

    /// <summary>"a human I can talk to", "qqn peut me rappeler": a person, then only linking words up to the verb.</summary>
    private static bool PersonBefore(IReadOnlyList<string> clause, int verb)
    {
        for (var k = verb - 1; k >= 0 && k >= verb - 8; k--) // "a member of your team could contact me", "quelqu'un de votre service technique peut-il me joindre"
        {
            if (IsPerson(clause[k]))
            {
                return !IsParticiple(clause, k);
            }

            if (!BotLexicon.NounVerbGap.Contains(clause[k]) && !InvertedOrTechnical(clause, k))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "quelqu'un de votre service technique peut-il me joindre": the subject repeated after the modal ("peut-il"), and
    /// the team's adjective, between the person and the verb (kept out of <see cref="BotLexicon.NounVerbGap"/>, one of the
    /// learnt model's word classes).
    /// </summary>
    private static bool InvertedOrTechnical(IReadOnlyList<string> clause, int k) =>
        (clause[k] is "il" or "elle" && BotLexicon.Modals.Contains(At(clause, k - 1))) || (clause[k] == "technique" && At(clause, k - 1) == "service");

    /// <summary>"le service client", "customer service", "support": a team named as whom to talk to.</summary>
    private static bool IsServiceTeam(IReadOnlyList<string> clause, int index) =>
        BotLexicon.ServiceNouns.Contains(clause[index])
        || (clause[index] is "service" or "services" && (At(clause, index + 1) is "client" or "clients" or "clientele" || At(clause, index - 1) == "customer"))
        || (clause[index] == "care" && At(clause, index - 1) == "customer") // "customer care"
        || (clause[index] is "centre" or "center" && At(clause, index - 1) is "call" or "contact") // "your call centre"
        || (BotLexicon.DepartmentNouns.Contains(clause[index]) // "le service contentieux", "put me through to billing"
            && (At(clause, index - 1) is "service" or "services" or "department" or "departement"
                || (clause[index] is not ("competent" or "concerne") && At(clause, index - 1) is "to" or "the" or "au" or "vers")));

    /// <summary>
    /// "someone to fix the heating", "quelqu'un pour réparer": the person is asked to do a task, not to talk — unless it
    /// is a human, wanted as such rather than the bot ("I need a human to sort this").
    /// </summary>
    private static bool NamesATask(IReadOnlyList<string> clause, int person) =>
        person + 2 < clause.Count
        && clause[person] is not ("human" or "humain" or "humaine") // "a human to look at my case": only a person rather than the bot is wanted
        && BotLexicon.TaskLinks.Contains(clause[person + 1])
        && (clause[person + 1] != "pour" || IsFrenchInfinitive(clause[person + 2]))
        && !BotLexicon.ContactVerbs.Contains(clause[person + 2])
        && !BotLexicon.CallbackVerbs.Contains(clause[person + 2])
        && !BotLexicon.SelfObjects.Contains(clause[person + 2])
        && !BotLexicon.HelpNouns.Contains(clause[person + 2]);

    /// <summary>"réparer", "venir", "faire": what follows "pour" when a task is meant ("pour ma facture" is a topic).</summary>
    private static bool IsFrenchInfinitive(string token) =>
        token.Length > 3 && (token.EndsWith("er", StringComparison.Ordinal) || token.EndsWith("ir", StringComparison.Ordinal) || token.EndsWith("re", StringComparison.Ordinal));

    /// <summary>A verb right after an auxiliary ("ai parlé", "m'avez rappelé", "doit me rappeler") or after reported speech.</summary>
    private static bool IsPast(IReadOnlyList<string> clause, int verb)
    {
        if (AfterAuxiliary(clause, verb) || clause.Take(verb).Any(t => t is "did" or "didn")) // "did someone from your team try to ring me?", "why did your agent call me…"
        {
            return true;
        }

        for (var k = 0; k < verb; k++)
        {
            if (BotLexicon.MentionMarkers.Contains(clause[k]))
            {
                return true;
            }
        }

        return TriedBefore(clause, verb);
    }

    /// <summary>"j'ai essayé d'appeler un conseiller", "I tried to reach an adviser": an attempt told, not a request.</summary>
    private static bool TriedBefore(IReadOnlyList<string> clause, int verb) =>
        At(clause, verb - 1) is "de" or "d" or "to"
        && ((At(clause, verb - 2) is "essaye" or "essayee" or "tente" or "tentee" && AfterAuxiliary(clause, verb - 2))
            || At(clause, verb - 2) is "tried" or "attempted");

    /// <summary>"m'a conseillé de…": a participle spelt like a person noun ("conseillé") after an auxiliary is a verb.</summary>
    internal static bool IsParticiple(IReadOnlyList<string> tokens, int i) =>
        tokens[i] is "conseille" or "conseillee" or "conseilles" or "conseillees" && AfterAuxiliary(tokens, i);

    /// <summary>"votre conseillère m'a parlé d'un échéancier", "the agent has confirmed": a participle of speaking after an auxiliary.</summary>
    internal static bool ReportsSpeech(IReadOnlyList<string> tokens) =>
        tokens.Where((t, i) => BotLexicon.ReportedSpeechParticiples.Contains(t) && AfterAuxiliary(tokens, i)).Any();

    /// <summary>A word right after an auxiliary, the customer as object between them or not ("ai parlé", "m'a parlé", "m'avez rappelé").</summary>
    private static bool AfterAuxiliary(IReadOnlyList<string> tokens, int i) =>
        BotLexicon.Auxiliaries.Contains(At(tokens, i - 1))
        || (BotLexicon.SelfObjects.Contains(At(tokens, i - 1)) && BotLexicon.Auxiliaries.Contains(At(tokens, i - 2)));

    /// <summary>
    /// "je suis gestionnaire de trois appartements", "I'm a property manager", "en tant que responsable": the person
    /// noun is the writer, who asks for no one by naming it.
    /// </summary>
    internal static bool DescribesWriter(IReadOnlyList<string> tokens, int i) =>
        Enumerable.Range(i - 3, 3).Any(k => At(tokens, k) is "suis" or "sommes" or "am"
            || (At(tokens, k) == "que" && At(tokens, k - 1) == "tant" && At(tokens, k - 2) == "en")
            || (At(tokens, k) == "as" && At(tokens, k + 1) is "a" or "an" or "the" && k == i - 2));

    private static bool IsPerson(string token) => BotLexicon.PersonNouns.Contains(token) || NearStandalone(token);

    private static bool IsStandalonePerson(string token) => BotLexicon.StandalonePersonNouns.Contains(token) || BotLexicon.HeadNouns.Contains(token) || NearStandalone(token);

    /// <summary>
    /// A misspelt person noun: one edit from one for words of 5 letters or more ("humna", "conseillé"), two from one of
    /// 10 letters or more for words of 8 or more ("concieller", "reprasentive"), unless the word is a real one that close
    /// (<see cref="BotLexicon.NearPersonWords"/>: "manage", "argent", "supervision", "representation").
    /// </summary>
    private static bool NearStandalone(string token) =>
        token.Length >= 5 && !BotLexicon.NearPersonWords.Contains(token)
        && (BotLexicon.StandalonePersonNouns.Any(noun => EditDistance.AtMostOne(token, noun))
            || (token.Length >= 8 && BotLexicon.StandalonePersonNouns.Any(noun => noun.Length >= 10 && EditDistance.AtMostTwo(token, noun))));

    private static string At(IReadOnlyList<string> clause, int index) => index >= 0 && index < clause.Count ? clause[index] : "";
}
