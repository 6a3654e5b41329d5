namespace Grid.Bot;

/// <summary>
/// The contact-verb rules of <see cref="HumanRequestDetector"/>: which words are a verb of putting the customer in
/// touch with someone ("parler", "contacter", "put me through", "get in touch"), and which uses of them are not —
/// "get" of a place, "pass" and "passer" without the customer as object, a question about hours.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "when can I reach someone on the phone", "quand peut-on joindre un conseiller", "what times can I get hold of an
    /// agent", "quels sont vos horaires pour joindre quelqu'un", "je voudrais appeler le service client, vous fermez à
    /// quelle heure ?": a question about hours, which the base answers. The service's hours are named with a determiner
    /// ("vos horaires", "vos heures", "your hours", "opening hours"), not a count ("2 hours waiting to talk to someone" asks).
    /// </summary>
    private static bool AsksWhen(IReadOnlyList<string> clause, int verb) =>
        Enumerable.Range(0, verb).Any(k => clause[k] is "when" or "quand" || (clause[k] == "what" && At(clause, k + 1) is "time" or "times"))
        || Enumerable.Range(0, clause.Count).Any(k => (clause[k] == "quelle" && At(clause, k + 1) is "heure" or "heures")
            || (clause[k] is "horaires" or "horaire" or "hours" && At(clause, k - 1) is "vos" or "vo" or "your" or "les" or "the" or "opening")
            || (clause[k] == "heures" && At(clause, k - 1) is "vos" or "vo")) // "quelles sont vos heures pour joindre…"
        || (BotLexicon.QuestionOpeners.Contains(At(clause, 0)) && clause.Any(t => BotLexicon.DaysAndTimes.Contains(t) || IsClockTime(t)));

    /// <summary>
    /// "how do I get hold of an adviser?", "comment je peux joindre un conseiller ?": how to reach someone, which the base
    /// answers (its contact channels) — a verb of reaching after "how"/"comment". Talking is asked even after "how" ("how
    /// can I speak to a human?"), and so is getting one on the line ("comment faire pour avoir un conseiller au bout du fil ?").
    /// The best way to reach someone is asked as "how" is.
    /// </summary>
    private static bool AsksHowToReach(IReadOnlyList<string> clause, int verb) =>
        (IsReachVerb(clause[verb]) || (clause[verb] == "get" && At(clause, verb + 1) is "hold" or "through" or "in"))
        && Enumerable.Range(0, verb).Any(k => clause[k] is "how" or "comment" || (clause[k] is "way" or "moyen" && BestWay(clause, k)));

    /// <summary>"the best way to get hold of someone", "le meilleur moyen de joindre quelqu'un": the way asked for, as "how".</summary>
    private static bool BestWay(IReadOnlyList<string> clause, int way) =>
        At(clause, way - 1) is "best" or "easiest" or "quickest" or "simplest" or "fastest" or "meilleur" or "simple" or "rapide";

    /// <summary>
    /// A contact verb in a question about the service rather than a request to use it: a language spoken ("do your staff
    /// speak English?", "vos conseillers parlent arabe ?"; "speak English with someone" still asks), the means to reach
    /// someone ("c'est quoi le numéro pour joindre un conseiller ?", "the email to contact an agent"; not a number to talk
    /// to someone, nor to reach "an actual employee", which its writers counted as requests), what staff are
    /// trained or allowed to do ("vos conseillers sont formés pour parler aux personnes âgées ?"), or whether someone can
    /// be reached at night ("ya moyen de joindre quelqu'un la nuit si le ballon fuit ?": the base's emergency entry).
    /// </summary>
    internal static bool AsksAboutStaff(IReadOnlyList<string> clause) => Enumerable.Range(0, clause.Count).Any(i => IsContactVerb(clause, i) && AsksAboutStaff(clause, i));

    private static bool AsksAboutStaff(IReadOnlyList<string> clause, int verb)
    {
        var language = BotLexicon.LanguageNames.Contains(At(clause, verb + 1)) && At(clause, verb + 2) is not ("to" or "with" or "a" or "avec");
        var means = IsReachVerb(clause[verb]) && At(clause, verb - 1) is "pour" or "to" or "for"
            && !clause.Any(t => BotLexicon.RealAdjectives.Contains(t) || BotLexicon.BotNouns.Contains(t)) // "a phone number to reach an actual employee?" wants a person
            && Enumerable.Range(verb - 5, 4).Any(k => At(clause, k) is "numero" or "number" or "num" or "mail" or "email" or "adresse" or "address" or "lien" or "link");
        var ability = At(clause, verb - 1) is "pour" or "to" or "a"
            && At(clause, verb - 2) is "forme" or "formes" or "formee" or "formees" or "trained" or "able" or "capable" or "capables" or "allowed" or "autorises" or "habilites" or "qualified" or "paid" or "payes";
        var atNight = IsReachVerb(clause[verb])
            && clause.Any(t => t is "nuit" or "nuits" or "night" or "nights" or "overnight");
        return language || means || ability || atNight || AsksAboutTraining(clause);
    }

    /// <summary>
    /// "Do I need to speak to an adviser or can I do it all online?", "dois-je appeler un conseiller ou je peux le faire
    /// en ligne ?": whether a person is needed, against another way — a question of the process the base answers.
    /// </summary>
    private static bool AsksWhetherNeeded(IReadOnlyList<string> clause, int verb) =>
        clause.Skip(verb + 1).Any(t => t is "or" or "ou")
        && ((At(clause, verb - 1) == "to" && At(clause, verb - 2) is "need" or "have" && At(clause, verb - 3) is "i" or "we" && At(clause, verb - 4) is "do" or "will")
            || (At(clause, verb - 1) is "je" or "il" && At(clause, verb - 2) is "dois" or "faut")
            || (At(clause, verb - 1) is "dois" or "faut" && At(clause, verb - 2) is "je" or "il" && At(clause, verb - 3) is "que" or "ce"));

    /// <summary>A verb of reaching someone ("joindre", "contacter", "reach", "contact"), as against one of talking.</summary>
    private static bool IsReachVerb(string token) => token is "joindre" or "contacter" or "reach" or "contact";

    /// <summary>"7.30pm", "18h30", "8am": a time of day (the normaliser splits "7.30pm" at the point).</summary>
    private static bool IsClockTime(string token) =>
        token.Length > 2 && char.IsDigit(token[0]) && (token.EndsWith("pm", StringComparison.Ordinal) || token.EndsWith("am", StringComparison.Ordinal) || token.Contains('h', StringComparison.Ordinal));

    /// <summary>
    /// A contact verb in a request form: one of <see cref="BotLexicon.ContactVerbs"/>, "take over" / "prendre le relais",
    /// or an infinitive written as a participle after a modal, as SMS writers do ("jveux parlé", "je voudrais parlé").
    /// </summary>
    private static bool IsContactVerb(IReadOnlyList<string> clause, int i) =>
        (BotLexicon.ContactVerbs.Contains(clause[i]) && !GetsSomewhere(clause, i) && !IsAPass(clause, i) && !PassesBy(clause, i) && !IsContactNoun(clause, i))
        || (clause[i] == "take" && At(clause, i + 1) == "over")
        || (clause[i] is "prendre" or "prenne" && At(clause, i + 2) == "relais")
        || (clause[i] is "mise" or "mises" && At(clause, i + 1) == "en" && At(clause, i + 2) is "relation" or "contact" or "ligne") // "être mise en relation avec…"
        || (clause[i] is "pick" or "decrocher" or "decrochez" or "decroche" && PicksUp(clause, i))
        || (clause[i].EndsWith('e') && BotLexicon.ContactVerbs.Contains(clause[i] + "r") && BotLexicon.Modals.Contains(At(clause, i - 1)));

    /// <summary>"contact details", "contact information": the word naming what is kept on file, not the verb ("we want our staff's contact details erased").</summary>
    private static bool IsContactNoun(IReadOnlyList<string> clause, int i) =>
        clause[i] == "contact" && At(clause, i + 1) is "details" or "detail" or "information" or "info" or "infos" or "data";

    /// <summary>"someone please pick up", "quelqu'un peut décrocher ?": answering the phone, with nothing after but politeness ("pick up my parcel" is a task).</summary>
    private static bool PicksUp(IReadOnlyList<string> clause, int i)
    {
        var rest = clause.Skip(clause[i] == "pick" ? i + 2 : i + 1).ToList();
        return (clause[i] != "pick" || At(clause, i + 1) == "up")
            && rest.All(t => BotLexicon.BareRequestFiller.Contains(t) || t is "the" or "phone" or "le" or "telephone" or "svp");
    }

    /// <summary>"someone could get in", "get into the building", "get out": "get" of a place, not of a person to talk to ("get in touch" is).</summary>
    private static bool GetsSomewhere(IReadOnlyList<string> clause, int i) =>
        clause[i] == "get" && (At(clause, i + 1) is "into" or "inside" or "out" or "up" or "off" or "on" || (At(clause, i + 1) == "in" && At(clause, i + 2) != "touch"));

    /// <summary>
    /// "quelqu'un passe relever le compteur", "the operator put a notice up": "passer" and "put" put someone through only
    /// with the customer as their object ("passez-moi", "me passer", "put me through").
    /// </summary>
    private static bool PassesBy(IReadOnlyList<string> clause, int i) =>
        clause[i] is "passe" or "passer" or "passez" or "put"
        && !(clause[i] == "put" && BotLexicon.Determiners.Contains(At(clause, i + 1)) && IsStandalonePerson(At(clause, i + 2))) // "put a human on"
        && !BotLexicon.SelfObjects.Contains(At(clause, i - 1)) && !BotLexicon.SelfObjects.Contains(At(clause, i + 1)) && At(clause, i + 1) != "through" && !(At(clause, i + 1) == "in" && At(clause, i + 2) == "touch")
        && !(BotLexicon.SelfObjects.Contains(At(clause, i - 2)) && At(clause, i - 1) is "le" or "la" or "l" or "en");

    /// <summary>"my member pass", "a bus pass": English "pass" is a verb of passing on only with what is passed after it ("pass me to…", "pass this on").</summary>
    private static bool IsAPass(IReadOnlyList<string> clause, int i) =>
        clause[i] == "pass" && !BotLexicon.SelfObjects.Contains(At(clause, i + 1)) && At(clause, i + 1) is not ("on" or "through" or "along" or "it" or "this" or "my" or "the");
}
