namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> that read a person wanted without a contact verb and a person noun in
/// the usual order: a wish to talk by voice ("je préfère en parler de vive voix"), the service asked for by name
/// ("service client svp"), someone available now ("y a-t-il un employé disponible ?"), a call wanted ("je veux un
/// appel"), and the clause that declines a person ("pas besoin de me passer quelqu'un").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "je préfère en parler de vive voix", "j'ai besoin qu'on m'explique au téléphone", "can I discuss this over the
    /// phone": a wish, a verb of talking, explaining or helping, and a way of speaking that only a person offers — not a
    /// question about how or when ("comment parler au téléphone à…" is one the base answers), nor a telling.
    /// </summary>
    private static bool WantsVoice(IReadOnlyList<string> clause)
    {
        if (VoicePhrase(clause) < 0
            || clause.Any(t => BotLexicon.HowWords.Contains(t) || BotLexicon.HoursWords.Contains(t) || BotLexicon.PastCopulas.Contains(t))
            || clause.Where((t, i) => BotLexicon.MentionMarkers.Contains(t) && (!BotLexicon.VoiceVerbs.Contains(t) || AfterAuxiliary(clause, i))).Any()) // "qu'on m'explique" asks, "m'a expliqué" tells
        {
            return false;
        }

        var talks = Enumerable.Range(0, clause.Count).Any(i => BotLexicon.VoiceVerbs.Contains(clause[i]) && !AfterAuxiliary(clause, i));
        var wishes = Enumerable.Range(0, clause.Count).Any(i => (BotLexicon.WishWords.Contains(clause[i]) || BotLexicon.PreferenceWords.Contains(clause[i])) && !Denied(clause, i)
            && At(clause, i - 1) is not ("il" or "elle" or "ils" or "elles" or "he" or "she" or "they")); // "elle préfère tout régler au téléphone" tells of someone
        return talks && wishes;
    }

    /// <summary>Where a way of speaking only a person offers starts: "de vive voix", "au/par téléphone", "over/on/by the phone", "in person", "en personne", "face to face"; -1 when none.</summary>
    private static int VoicePhrase(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            var next = At(clause, i + 1);
            if ((clause[i] == "vive" && next == "voix")
                || (clause[i] is "au" or "par" && next is "telephone" or "tel" or "phone")
                || (clause[i] is "over" or "on" or "by" && (next is "phone" or "telephone" || (next == "the" && At(clause, i + 2) is "phone" or "telephone")))
                || (clause[i] == "in" && next == "person")
                || (clause[i] == "en" && next == "personne" && At(clause, i - 1) != "plus")
                || (clause[i] == "face" && next == "to" && At(clause, i + 2) == "face"))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// "service client svp", "customer service please", "je veux le standard": a clause of only the service's name,
    /// articles and politeness or a want. A bare "service client ?" stays a question the base answers (how to reach it).
    /// </summary>
    private static bool AsksForTheService(IReadOnlyList<string> clause) =>
        clause.Count <= 10
        && Enumerable.Range(0, clause.Count).Any(i => IsServiceTeam(clause, i))
        && clause.Any(BotLexicon.AskingWords.Contains)
        && clause.All(t => BotLexicon.BareRequestFiller.Contains(t) || BotLexicon.ServiceNouns.Contains(t) || t is "care" or "services");

    /// <summary>
    /// "y a-t-il un employé disponible en ce moment ?", "une personne physique est-elle joignable par ce chat ?", "is an
    /// adviser available?": a person said to be available, in a short clause that names no day or hour (which asks about
    /// opening hours) and no task ("quelqu'un de disponible pour réparer").
    /// </summary>
    private static bool ChecksAvailability(IReadOnlyList<string> clause) =>
        clause.Count <= 10
        && clause.Any(BotLexicon.AvailabilityWords.Contains)
        && clause.Any(t => BotLexicon.PresencePersons.Contains(t) || IsStandalonePerson(t) || t is "employe" or "employee" or "staff" or "conseillers" or "agents")
        && !clause.Any(t => BotLexicon.Negations.Contains(t) || BotLexicon.DaysAndTimes.Contains(t) || BotLexicon.HoursWords.Contains(t) || BotLexicon.MentionMarkers.Contains(t) || IsClockTime(t))
        && !clause.Any(t => t.Length > 3 && t.EndsWith("er", StringComparison.Ordinal) && !IsPerson(t) && !BotLexicon.ContactVerbs.Contains(t));

    /// <summary>
    /// "pas besoin de me passer quelqu'un", "no need to put me through to anyone", "inutile de me rappeler", "I don't want
    /// a callback from an adviser": the clause declines a person or a callback; it asks for none.
    /// </summary>
    internal static bool DeclinesPerson(IReadOnlyList<string> clause)
    {
        for (var i = 0; i + 1 < clause.Count; i++)
        {
            if ((clause[i] == "pas" && clause[i + 1] is "besoin" or "la")
                || (clause[i] is "no" or "not" && clause[i + 1] is "need" or "needed")
                || clause[i] == "inutile")
            {
                return clause[i + 1] != "la" || At(clause, i + 2) == "peine";
            }
        }

        return RefusesToTalk(clause) || AsksNoOneSent(clause)
            || clause.Where((t, i) => BotLexicon.CallbackNouns.Contains(t) && DeclinesACallback(clause, i)).Any(); // "I don't want a callback from an adviser"
    }

    /// <summary>"Please don't get anyone to call and talk me out of it", "do not send someone": no one to be sent or to call.</summary>
    private static bool AsksNoOneSent(IReadOnlyList<string> clause) =>
        clause.Where((t, i) => ((t == "do" && At(clause, i + 1) == "not") || (t == "don" && At(clause, i + 1) == "t"))
            && At(clause, i + 2) is "get" or "have" or "send" or "let" or "ask").Any();

    /// <summary>
    /// "I don't want to talk to anyone, I just needed to vent", "je ne veux parler à personne": a wish to talk negated,
    /// with no bot refused ("je veux pas parler à un robot" asks for a person) and no one else asked for ("anyone but a
    /// bot", "personne d'autre que…").
    /// </summary>
    private static bool RefusesToTalk(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => BotLexicon.BotNouns.Contains(t) || t is "but" or "except" or "other" or "else" or "sauf" or "autre" or "que" or "qu" or "than"))
        {
            return false;
        }

        for (var i = 1; i + 1 < clause.Count; i++)
        {
            var negated = (clause[i - 1] is "not" && clause[i] is "want" or "wish" or "need" or "looking") // "not looking to chat with anyone"
                || (clause[i - 1] is "ne" or "n" && clause[i] is "veux" or "souhaite" or "voulais" or "desire")
                || (clause[i] is "veux" or "souhaite" && At(clause, i + 1) == "pas");
            if (negated && clause.Skip(i + 1).Take(4).Any(t => t is "talk" or "speak" or "chat" or "parler" or "discuter"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "je veux un appel", "I want a phone call", "please arrange a call", "je demande un petit appel": a call wished for or
    /// arranged, the customer as its receiver — not one told of ("j'ai eu un appel") or declined.
    /// </summary>
    private static bool WantsACall(IReadOnlyList<string> clause, int i)
    {
        if (clause[i] == "telephonique" && At(clause, i - 1) is "contact" or "echange" or "entretien")
        {
            return Enumerable.Range(0, i - 1).Any(k => (BotLexicon.WishWords.Contains(clause[k]) || clause[k] == "avoir") && !IsPast(clause, k) && !Denied(clause, k)); // "je saurais avoir un contact téléphonique ?"
        }

        if (clause[i] is not ("appel" or "call"))
        {
            return false;
        }

        var k = i - 1;
        while (k >= 0 && i - k <= 3 && BotLexicon.CallDeterminers.Contains(clause[k]))
        {
            k--;
        }

        return (At(clause, i - 1) == "a" && At(clause, i - 2) == "with" && At(clause, i - 3) is "revert" or "back") // "please revert with a call"
            || (k < i - 1 && k >= 0
                && (BotLexicon.WantWords.Contains(clause[k]) || BotLexicon.ArrangeWords.Contains(clause[k]) || BotLexicon.PreferenceWords.Contains(clause[k])) // "would prefer a call tbh"
                && !IsPast(clause, k) && !Denied(clause, k));
    }

    /// <summary>
    /// Whether the learnt model (<see cref="HumanRequestModel"/>) may be asked at its usual bar: nothing rules a request
    /// out (<see cref="RulesOut"/>) and the message names a person (not the writer, not the verb "conseiller" after "me",
    /// not a participle), a call, or a way of speaking only a person offers.
    /// </summary>
    public bool MayAsk(NormalizedText text) => !RulesOut(text) && NamesAPerson(text);

    /// <summary>
    /// Whether something makes the message no person request whatever the learnt model says: a telling (a past call or
    /// visit, speech reported), a job enquiry or a solicitation, a thing handed over, a person declined.
    /// </summary>
    public bool RulesOut(NormalizedText text)
    {
        var tokens = text.Tokens.ToList();
        return tokens.Where((t, i) => (IsTellingWord(t) && !IsReceptionAsked(tokens, i)) || BotLexicon.MentionTopics.Contains(t)).Any() || AsksWhoReadsLater(tokens)
            || HandsAThingOver(tokens)
            || Solicits(text)
            || ReportsSpeech(tokens) || text.Clauses.Any(DeclinesPerson) || text.Clauses.Any(AsksWhatTheBotIs);
    }

    /// <summary>A word that tells what happened: a past call or visit, a thing received ("ma mère a reçu un appel d'un soi-disant conseiller").</summary>
    private static bool IsTellingWord(string token) =>
        BotLexicon.MentionMarkers.Contains(token)
        || token is "rang" or "asked" or "phoned" or "rung" or "contacted" or "visited" or "sent" or "recu" or "recue" or "received";

    /// <summary>"transférer le contrat", "transfer my account": a thing handed over, not a person asked for.</summary>
    private static bool HandsAThingOver(IReadOnlyList<string> tokens) =>
        tokens.Where((t, i) => t is "transfer" or "transferer" or "transmettre"
            && At(tokens, i + 1) is "the" or "my" or "le" or "la" or "l" or "mon" or "ma" or "ce" or "this" && !IsPerson(At(tokens, i + 2))).Any();

    /// <summary>
    /// The message without the clauses that tell what happened (a past call or visit, speech reported, a thing
    /// received), where only such tellings rule a request out (<see cref="RulesOut"/>): "I already called twice, I want a
    /// manager" is read as "I want a manager". Null when something else rules it out (a job enquiry, a solicitation, a
    /// thing handed over, a person declined), when no clause tells, or when every clause does.
    /// </summary>
    public NormalizedText? Untold(NormalizedText text)
    {
        if (!OnlyTellingsMayRuleOut(text))
        {
            return null;
        }

        var untold = text.Clauses.Where(c => !Tells(c)).ToList();
        return untold.Count == 0 || untold.Count == text.Clauses.Count ? null : text with { Clauses = untold };
    }

    /// <summary>
    /// Whether nothing but a telling can rule a request out of the message: no job enquiry or solicitation, no thing
    /// handed over, no person declined ("no need to call me back, your colleague sorted it").
    /// </summary>
    public bool OnlyTellingsMayRuleOut(NormalizedText text)
    {
        var tokens = text.Tokens.ToList();
        return !(tokens.Any(BotLexicon.MentionTopics.Contains) || Solicits(text) || text.Clauses.Any(DeclinesPerson) || HandsAThingOver(tokens) || AsksWhoReadsLater(tokens)
            || text.Clauses.Any(AsksWhatTheBotIs));
    }

    /// <summary>Whether a clause tells what happened: a past call or visit, speech reported, a thing received.</summary>
    private static bool Tells(IReadOnlyList<string> clause) => clause.Where((t, i) => IsTellingWord(t) && !IsReceptionAsked(clause, i)).Any() || ReportsSpeech(clause);

    /// <summary>Whether the message names a person the customer could be put through to, a call, or a way of speaking.</summary>
    private static bool NamesAPerson(NormalizedText text)
    {
        var tokens = text.Tokens.ToList();
        return tokens.Where((t, i) => (IsPerson(t) && !IsParticiple(tokens, i) && !DescribesWriter(tokens, i) && !BotLexicon.SelfObjects.Contains(At(tokens, i - 1)) && At(tokens, i - 1) != "vous")
                || BotLexicon.CallbackVerbs.Contains(t) || BotLexicon.CallbackNouns.Contains(t) || t is "appel" or "call").Any()
            || text.Clauses.Any(c => VoicePhrase(c) >= 0);
    }

    /// <summary>
    /// "si personne ne me rappelle aujourd'hui je résilie", "if nobody calls me today I'm cancelling", "I'll be contacting
    /// a solicitor unless a senior manager phones me this week", "je contacterai mon avocat si aucun responsable ne me
    /// téléphone d'ici vendredi": a call demanded as a condition — "if" with no one, or "unless", opening the clause or
    /// within it, and the customer called or contacted after it. Not told ("the adviser said that if nobody called me…").
    /// </summary>
    private static bool ThreatensUnlessCalled(IReadOnlyList<string> clause)
    {
        for (var start = 0; start < clause.Count; start++)
        {
            if (clause[start] is not ("si" or "if" or "unless") || (start > 0 && clause.Take(start).Any(BotLexicon.MentionMarkers.Contains)))
            {
                continue;
            }

            var condition = clause.Skip(start).ToList();
            var nobody = condition.Any(t => t is "personne" or "nobody" or "noone" or "aucun" or "aucune") || condition.Where((t, i) => t == "no" && At(condition, i + 1) == "one").Any();
            var calls = Enumerable.Range(0, condition.Count).Any(i => (BotLexicon.CallbackVerbs.Contains(condition[i]) || BotLexicon.ContactVerbs.Contains(condition[i]) || condition[i] is "calls" or "rings" or "contacts" or "phones" or "appelle" or "appellent" or "rappellent" or "contacte" or "joint")
                && (BotLexicon.SelfObjects.Contains(At(condition, i + 1)) || BotLexicon.SelfObjects.Contains(At(condition, i - 1))));
            if ((nobody || condition[0] == "unless") && calls)
            {
                return true;
            }
        }

        return false;
    }
}
