namespace Grid.Bot;

/// <summary>
/// The rules of <see cref="HumanRequestDetector"/> from the twenty-fifth round: a call asked in the subjunctive with no
/// wish before it ("Qu'on m'appelle, c'est tout ce que je demande", "c possib kelkun mapel"), a call awaited ("I'll be
/// waiting for your call"), the customer to be reached at a number ("reach me on 06…", "joignez-moi au 06…"), and a
/// call asked for someone the customer writes for ("pourriez-vous le contacter", "could an adviser phone Mrs Girard") —
/// and the questions and refusals they must leave alone: who reads the conversations afterwards, staff's training, a
/// call stopped ("arrêtez de m'appeler").
/// </summary>
internal sealed partial class HumanRequestDetector
{
    private static readonly HashSet<string> SubjunctiveCalls = new(StringComparer.Ordinal) { "appelle", "rappelle", "contacte", "joigne", "telephone", "apel" };

    /// <summary>
    /// "Qu'on m'appelle, c'est tout ce que je demande", "c'est possible qu'un keum du service client m'appelle ?", "c
    /// possib kelkun mapel ojourdui ?", "il m'a demandé de vous écrire pour qu'un conseiller l'appelle": a call to the
    /// customer (or to "him"/"her") in the subjunctive, opened by "que" at the start of the clause, after "possible" or
    /// "moyen", or after "pour". Not negated ("pas besoin qu'un conseiller me rappelle").
    /// </summary>
    private static bool AsksACallInTheSubjunctive(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => BotLexicon.Negations.Contains(t) || t is "besoin" or "inutile"))
        {
            return false;
        }

        for (var i = 1; i < clause.Count; i++)
        {
            if (!SubjunctiveCalls.Contains(clause[i]) || !(BotLexicon.SelfObjects.Contains(clause[i - 1]) || (clause[i - 1] is "l" or "la" or "le" && clause[i] != "telephone")))
            {
                continue;
            }

            var opener = Enumerable.Range(Math.Max(0, i - 8), i - Math.Max(0, i - 8)).LastOrDefault(k => clause[k] is "que" or "qu" or "possible" or "moyen", -1);
            if (opener < 0 || Enumerable.Range(opener + 1, i - opener - 1).Any(k => SubjunctiveCalls.Contains(clause[k])))
            {
                continue;
            }

            var opens = opener == 0 || clause.Take(opener).All(t => BotLexicon.BareRequestFiller.Contains(t) || BotLexicon.Hails.Contains(t));
            var possible = clause[opener] is "possible" or "moyen" || At(clause, opener - 1) is "possible" or "moyen";
            var purpose = At(clause, opener - 1) == "pour";
            if (opens || possible || purpose)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "I'll be waiting for your call", "j'attends votre appel", "awaiting your call": a call awaited, not a wait told ("I
    /// waited for your call all day", "j'ai attendu votre appel").
    /// </summary>
    private static bool AwaitsACall(IReadOnlyList<string> clause)
    {
        for (var i = 0; i < clause.Count; i++)
        {
            if (clause[i] is not ("waiting" or "wait" or "await" or "awaiting" or "attends" or "attendrai" or "attendons" or "attendre"))
            {
                continue;
            }

            var next = At(clause, i + 1) == "for" ? i + 2 : i + 1;
            if (At(clause, next) is "your" or "votre" or "a" or "un" && At(clause, next + 1) is "call" or "appel" or "callback"
                && !AfterAuxiliary(clause, i) && !clause.Take(i).Any(t => t is "was" or "were" or "been" or "had" || BotLexicon.Negations.Contains(t)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "reach me on 0611223344 about the overpayment", "joignez-moi svp au 0611223344": the customer to be reached at a
    /// number they give — an imperative of reaching with the customer as object, and a phone number in the clause.
    /// </summary>
    private static bool GivesANumberToReach(IReadOnlyList<string> clause) =>
        clause.Any(t => t.Length >= 8 && t.All(char.IsDigit))
        && clause.Where((t, i) => (t is "reach" or "joignez" or "joins" or "contactez" or "appelez" or "rappelez" or "ring" or "call" && BotLexicon.SelfObjects.Contains(At(clause, i + 1)))
            || (t is "me" or "m" && At(clause, i + 1) is "joindre" or "contacter" or "appeler" or "rappeler")).Any()
        && !NegatesOrTells(clause) && !clause.Any(BotLexicon.HowWords.Contains);

    /// <summary>
    /// "Mon fils vient d'emménager, pourriez-vous le contacter ?", "Could an adviser phone Mrs Girard about a payment
    /// plan?", "Une conseillère pourrait-elle appeler Mme Girard ?": a call asked for someone the customer writes for — a
    /// modal, then the call with a title and a name after it, or "le"/"la" before it where the message names a relative.
    /// </summary>
    private static bool AsksACallForSomeone(NormalizedText text, IReadOnlyList<string> clause)
    {
        if (NegatesOrTells(clause))
        {
            return false;
        }

        for (var i = 1; i < clause.Count; i++)
        {
            if (clause[i] is not ("contacter" or "appeler" or "rappeler" or "joindre" or "telephoner" or "phone" or "call" or "ring" or "contact")
                || !Enumerable.Range(i - 4, 4).Any(k => At(clause, k) is "pourriez" or "pouvez" or "pourrait" or "peut" or "could" or "can" or "would"))
            {
                continue;
            }

            var titled = At(clause, i + 1) is "mme" or "madame" or "m" or "monsieur" or "mrs" or "mr" or "ms" or "miss";
            var relative = At(clause, i - 1) is "le" or "la" or "l" && text.Tokens.Any(BotLexicon.RelativeNouns.Contains);
            if (titled || relative)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Does a human read these chats afterwards?", "Est-ce qu'un humain relit ces conversations après ?": who reads the
    /// conversations later, a question about the service; no person is asked for now.
    /// </summary>
    internal static bool AsksWhoReadsLater(IReadOnlyList<string> tokens) =>
        tokens.Any(t => BotLexicon.ReadingVerbs.Contains(t) || t is "read" or "relit" or "relisent" or "reread" or "review" or "reviews")
        && tokens.Any(t => t is "afterwards" or "apres" or "later" or "ensuite" or "ever" or "jamais")
        && tokens.Any(t => t is "chats" or "conversations" or "messages" or "echanges" or "discussions");

    /// <summary>"Do your agents get any training for dealing with grieving families?", "vos conseillers ont une formation ?": the staff's training asked about.</summary>
    private static bool AsksAboutTraining(IReadOnlyList<string> clause) =>
        clause.Any(t => t is "training" or "trained" or "formation" or "formations" or "formes" or "formees")
        && clause.Where((t, i) => t is "your" or "vos" && IsPerson(At(clause, i + 1))).Any();

    /// <summary>"Arrêtez de m'appeler", "stop calling me", "cessez de me contacter": calls stopped, not asked for.</summary>
    private static bool StopsCalls(IReadOnlyList<string> clause, int verb) =>
        Enumerable.Range(verb - 4, 4).Any(k => At(clause, k) is "arretez" or "arrete" or "arreter" or "cessez" or "stop" or "stoppez");
}
