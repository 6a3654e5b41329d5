namespace Grid.Bot;

/// <summary>
/// The callback rules of <see cref="HumanRequestDetector"/>: a call back asked for ("rappelez-moi", "vous pouvez me
/// rappeler", "être rappelé", "call me back", "give me a ring", "a callback"), not one told of, declined or remembered.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>Whether a clause asks to be called back ("rappelez-moi", "call me back tomorrow", "I'd like a callback").</summary>
    public bool IsCallbackRequest(NormalizedText text) =>
        text.Clauses.Any(clause => !clause.Any(BotLexicon.MentionTopics.Contains) && CallbackRequest(clause));

    private static bool CallbackRequest(IReadOnlyList<string> clause)
    {
        // Told or reported ("called me yesterday", "was supposed to call"), except a passive asked for ("to be called back").
        if (clause.Where((t, i) => BotLexicon.MentionMarkers.Contains(t) && !BotLexicon.PassiveAuxiliaries.Contains(At(clause, i - 1))).Any())
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            var token = clause[i];
            if ((BotLexicon.CallbackNouns.Contains(token) && !DeclinesACallback(clause, i)) || (token == "call" && At(clause, i + 1) == "back") || GivesACall(clause, i) || AsksARappel(clause, i) || CallWithPerson(clause, i) || WantsACall(clause, i))
            {
                return true;
            }

            if (WishedCall(clause, i))
            {
                return true; // "je voudrais qu'une dame m'appelle"
            }

            if (BotLexicon.PassiveCallParticiples.Contains(token) && i > 0 && BotLexicon.PassiveAuxiliaries.Contains(clause[i - 1]) && !DeclinesOrRemembers(clause, i))
            {
                return true; // "être contacté par téléphone"
            }

            if (!BotLexicon.CallbackVerbs.Contains(token) || DeclinesOrRemembers(clause, i) || IsPhoneNoun(clause, i))
            {
                continue;
            }

            if (i > 0 && BotLexicon.PassiveAuxiliaries.Contains(clause[i - 1]))
            {
                return true; // "être rappelé"
            }

            if (IsPast(clause, i))
            {
                continue;
            }

            if (BotLexicon.SelfObjects.Contains(At(clause, i - 1)) || BotLexicon.SelfObjects.Contains(At(clause, i + 1))
                || (At(clause, i - 1) is "faire" or "fais" or "faites" && BotLexicon.SelfObjects.Contains(At(clause, i - 2))))
            {
                return true; // "me rappeler", "rappelez-moi", "call me", "me faire rappeler"
            }
        }

        return false;
    }

    /// <summary>
    /// "no need to call me", "ne me rappelez pas", "je ne me rappelle plus" (to remember), "je me rappelle": the verb is
    /// negated or reflexive, not a callback asked for.
    /// </summary>
    /// <summary>"la conseillère au téléphone m'a parlé…", "on the phone": the noun, not the verb "téléphoner".</summary>
    private static bool IsPhoneNoun(IReadOnlyList<string> clause, int i) =>
        clause[i] is "telephone" or "phone" && At(clause, i - 1) is "au" or "le" or "du" or "par" or "un" or "mon" or "ton" or "votre" or "the" or "a" or "my" or "your" or "by" or "on";

    /// <summary>
    /// "je voudrais qu'une dame ou un monsieur m'appelle", "j'aimerais qu'on me téléphone", "elle voudrait qu'on la
    /// rappelle", "she wants someone to call her": a call to the customer, or to the one they write for, in the
    /// subjunctive after a wish ("il m'appelle tous les jours" tells, it does not ask).
    /// </summary>
    private static bool WishedCall(IReadOnlyList<string> clause, int i) =>
        WishedCallForThem(clause, i)
        || (clause[i] is "appelle" or "telephone" or "contacte" or "joigne" or "rappelle"
        && (BotLexicon.SelfObjects.Contains(At(clause, i - 1)) || (At(clause, i - 1) is "la" or "le" or "les" or "l" && clause[i] != "telephone" // not "que le téléphone"; "qu'on l'appelle"
            && At(clause, i - 2) is not ("je" or "j" or "nous"))) // "il faut que je l'appelle": the customer calls
        && Enumerable.Range(0, i).Any(k => BotLexicon.WantWords.Contains(clause[k]) && (!IsPast(clause, k) || NeedsNow(clause, k)) && !Denied(clause, k) // "je ne veux pas qu'on m'appelle"
            && Enumerable.Range(k + 1, i - k).Any(q => clause[q] is "que" or "qu")));

    /// <summary>"elle a besoin qu'on l'appelle": "avoir besoin" in the present, whose auxiliary-like "a" tells nothing past.</summary>
    private static bool NeedsNow(IReadOnlyList<string> clause, int want) =>
        clause[want] == "besoin" && At(clause, want - 1) is "a" or "ai" or "as" or "avons" or "avez" or "ont";

    /// <summary>
    /// "She wants someone to call her", "my dad needs somebody to ring him back": a person asked to call the one the
    /// customer writes for — a want in the present, a person or "you", then "to" and the call with "her", "him" or "them".
    /// </summary>
    private static bool WishedCallForThem(IReadOnlyList<string> clause, int i) =>
        clause[i] is "call" or "ring" or "phone" or "contact" && At(clause, i - 1) == "to" && At(clause, i + 1) is "her" or "him" or "them"
        && Enumerable.Range(i - 4, 3).Any(p => IsStandalonePerson(At(clause, p)) || At(clause, p) == "you")
        && Enumerable.Range(i - 6, 5).Any(k => At(clause, k) is "want" or "wants" or "need" or "needs" or "like" && !Denied(clause, k) && !IsPast(clause, k));

    /// <summary>
    /// "I'm not after a callback", "no callback needed", "I don't want a callback": the noun declined. A callback not
    /// yet had ("I still haven't had a callback", "never got the callback you promised") is a complaint that may ask
    /// for one, and stays with the other rules and the model.
    /// </summary>
    private static bool DeclinesACallback(IReadOnlyList<string> clause, int noun) =>
        Enumerable.Range(noun - 4, 4).Any(k => At(clause, k) is "no" or "not" or "never" or "pas" or "ne" or "inutile")
        && !Enumerable.Range(noun - 5, 5).Any(k => At(clause, k) is "had" or "got" or "gotten" or "received" or "get" or "still" or "yet" or "eu" or "recu" or "toujours" or "encore");

    private static bool DeclinesOrRemembers(IReadOnlyList<string> clause, int verb) =>
        StopsCalls(clause, verb)
        || (At(clause, verb - 1) == "me" && At(clause, verb - 2) is "je" or "j" or "ne")
        || Enumerable.Range(verb - 4, 4).Any(k => At(clause, k) is "no" or "not" or "pas" or "ne" or "inutile" or "never")
        || At(clause, verb + 1) == "pas" || At(clause, verb + 2) == "pas";

    /// <summary>
    /// "demande de rappel", "un rappel par un conseiller", "rappel téléphonique svp": "rappel" as a call back asked for,
    /// not as a reminder ("lettre de rappel", "un rappel de paiement").
    /// </summary>
    private static bool AsksARappel(IReadOnlyList<string> clause, int i) =>
        clause[i] is "rappel"
        && (At(clause, i + 1) is "telephonique" || IsBareRappel(clause)
            || (At(clause, i - 1) is "de" or "un" && At(clause, i - 2) is "demande" or "demander" or "demandez" or "veux" or "voudrais" or "souhaite")
            || (At(clause, i + 1) == "par" && Enumerable.Range(i + 2, 3).Any(k => k < clause.Count && IsStandalonePerson(clause[k]))));

    /// <summary>
    /// "Rappel svp", "un rappel stp, c'est urgent", "rappel souhaité jeudi après 17h": "rappel" with nothing but politeness,
    /// urgency or a day and time around it is a call back
    /// asked for ("j'ai reçu un rappel", "rappel de paiement" carry more words; a bare "rappel" asks nothing).
    /// </summary>
    private static bool IsBareRappel(IReadOnlyList<string> clause) =>
        clause.Any(BotLexicon.AskingWords.Contains)
        && clause.All(t => t == "rappel" || BotLexicon.AskingWords.Contains(t) || BotLexicon.BareRappelCompanions.Contains(t)
            || BotLexicon.DaysAndTimes.Contains(t) || ClockTime().IsMatch(t));

    /// <summary>A time of day as written in a message: "17h", "17h30", "9", "14:00".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,2}(?:[h:]\d{0,2})?$")]
    private static partial System.Text.RegularExpressions.Regex ClockTime();

    /// <summary>"a phone call with an adviser", "un rendez-vous téléphonique avec un conseiller": a call arranged with a person.</summary>
    private static bool CallWithPerson(IReadOnlyList<string> clause, int i) =>
        (clause[i] is "call" or "appel" or "telephonique" or "word" || (clause[i] == "rendez" && At(clause, i + 1) == "vous"))
        && Enumerable.Range(i - 3, 3).All(k => At(clause, k) is not ("had" or "eu" or "avais" or "avait" or "following" or "suite" or "after" or "apres") && (At(clause, k) != "have" || AsksToHave(clause, k))) // not "suite à mon appel avec votre conseiller"
        && Enumerable.Range(i + 1, 3).Any(k => At(clause, k) is "with" or "avec"
            && Enumerable.Range(k + 1, 5).Any(p => p < clause.Count && (IsStandalonePerson(clause[p]) || BotLexicon.ServiceNouns.Contains(clause[p])
                || (IsPerson(clause[p]) && At(clause, p - 1) is "team" or "equipe" or "staff" or "vos" or "your")))); // "one of your team members", "a word with one of the team"

    /// <summary>"to have a call", "can I have a call": having asked for, not had ("I had a call", "I have a call tomorrow").</summary>
    private static bool AsksToHave(IReadOnlyList<string> clause, int have) =>
        At(clause, have - 1) == "to" || (At(clause, have - 1) is "i" or "we" && At(clause, have - 2) is "can" or "could" or "may");

    /// <summary>"give me a ring", "give us a call", "me passer un coup de fil": a call asked for with the customer as its receiver.</summary>
    private static bool GivesACall(IReadOnlyList<string> clause, int i) =>
        (BotLexicon.CallNouns.Contains(clause[i]) && At(clause, i - 1) is "a" && BotLexicon.SelfObjects.Contains(At(clause, i - 2)) && At(clause, i - 3) is "give")
        || (clause[i] == "coup" && At(clause, i + 1) is "de" && At(clause, i + 2) is "fil" or "telephone" or "tel"
            && Enumerable.Range(i - 4, 4).Any(k => At(clause, k) is "passer" or "passez" or "donner" or "donnez")
            && Enumerable.Range(i - 4, 4).Any(k => BotLexicon.SelfObjects.Contains(At(clause, k))));
}
