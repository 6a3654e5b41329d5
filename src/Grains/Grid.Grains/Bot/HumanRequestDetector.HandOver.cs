namespace Grid.Bot;

/// <summary>
/// The rules of a hand-over asked for (<see cref="HumanRequestDetector"/>, rules "hand-over" and "connect"): the customer
/// put through, transferred or connected, or the bot asked to pass the conversation on.
/// </summary>
internal sealed partial class HumanRequestDetector
{
    /// <summary>
    /// "transfer me", "transférez-moi", "connect me please": a hand-over verb with only the customer as its object.
    /// Or "put me through", "escalate please", "escaladez mon dossier": a short clause of only putting through or
    /// escalating, and politeness.
    /// </summary>
    private static bool AsksHandOver(IReadOnlyList<string> clause) =>
        clause.Count <= 8
        && ((clause.Count <= 5 && clause.Any(BotLexicon.HandOverVerbs.Contains)
                && clause.Any(BotLexicon.SelfObjects.Contains)
                && clause.All(t => BotLexicon.HandOverVerbs.Contains(t) || BotLexicon.SelfObjects.Contains(t) || BotLexicon.BareRequestFiller.Contains(t)))
            || clause.Where((t, i) => clause.Count <= 5 && t == "put" && BotLexicon.SelfObjects.Contains(At(clause, i + 1)) && At(clause, i + 2) == "through" && !IsPast(clause, i)).Any()
            || clause.Where((t, i) => PassesTheHand(clause, i)).Any()
            || (clause.Any(BotLexicon.EscalateVerbs.Contains)
                && clause.All(t => BotLexicon.EscalateVerbs.Contains(t) || BotLexicon.BareRequestFiller.Contains(t) || BotLexicon.EscalateObjects.Contains(t))));

    /// <summary>
    /// "Alors passez la main.", "passe la main stp", "vous pouvez passer la main ?": the bot asked to hand the conversation
    /// over — "passez" anywhere, "passe" or "passer" first or after a modal or a filler ("alors", "bon"); not told ("il a
    /// passé la main"), not negated.
    /// </summary>
    private static bool PassesTheHand(IReadOnlyList<string> clause, int i) =>
        BotLexicon.PassTheHandVerbs.Contains(clause[i]) && At(clause, i + 1) == "la" && At(clause, i + 2) == "main"
        && (clause[i] == "passez" || i == 0 || BotLexicon.Modals.Contains(At(clause, i - 1)) || BotLexicon.BareRequestFiller.Contains(At(clause, i - 1)))
        && !IsPast(clause, i) && !clause.Any(BotLexicon.Negations.Contains);

    /// <summary>
    /// Asks to be connected to someone, whoever follows: "mettez-moi en relation avec le technicien qui est venu lundi",
    /// "pouvez-vous me la passer ?", "could you put us in touch with whoever coordinates the installs", "can I be
    /// connected to Gary?", "connect me with the billing team", "vous pouvez me mettre avec le service réclamation ?".
    /// The form itself asks for a person, so the words after it (a technician, a department, a name, what that person
    /// did) do not matter; not when it was done ("vous m'avez mis en relation", "I was connected to") nor a question of
    /// how ("comment être mis en relation ?").
    /// </summary>
    private static bool AsksToBeConnected(IReadOnlyList<string> clause)
    {
        if (clause.Any(t => t is "comment" or "how"))
        {
            return false;
        }

        for (var i = 0; i < clause.Count; i++)
        {
            var asks = clause[i] switch
            {
                // "mettez-moi en relation", "me mettre en relation", "être mis en relation"
                "relation" => At(clause, i - 1) == "en"
                    && ((BotLexicon.SelfObjects.Contains(At(clause, i - 2)) && At(clause, i - 3) is "mettez" or "mets" or "mettre" or "mettriez" or "mettrez")
                        || (At(clause, i - 2) is "mettre" && BotLexicon.SelfObjects.Contains(At(clause, i - 3)))
                        || (At(clause, i - 2) is "mis" or "mise" or "mises" && At(clause, i - 3) == "etre")),
                // "pouvez-vous me la passer ?", "vous me le passez ?"
                "passer" or "passez" => At(clause, i - 1) is "la" or "le" or "l" && BotLexicon.SelfObjects.Contains(At(clause, i - 2)),
                // "put me in touch with", "get us in touch with"
                "touch" => At(clause, i - 1) == "in" && BotLexicon.SelfObjects.Contains(At(clause, i - 2)) && At(clause, i - 3) is "put" or "get"
                    && (i == 3 || At(clause, i - 4) is "please" or "to" or "kindly"
                        || (At(clause, i - 4) is "you" or "u" && At(clause, i - 5) is "can" or "could" or "would" or "will")),
                // "vous pouvez me mettre avec le service réclamation ?", "mettez-moi avec un conseiller": not "je me mets avec…"
                "avec" => ((At(clause, i - 1) is "mettre" or "mettez" or "mets" or "mettriez" && BotLexicon.SelfObjects.Contains(At(clause, i - 2)) && At(clause, i - 3) is not ("je" or "j"))
                        || (BotLexicon.SelfObjects.Contains(At(clause, i - 1)) && At(clause, i - 2) is "mettez" or "mets"))
                    && clause.Skip(i + 1).Take(3).Any(t => IsPerson(t) || t == "service" || BotLexicon.DepartmentNouns.Contains(t) || BotLexicon.ServiceNouns.Contains(t)),
                // "can I be connected to", "connect me with"
                "connected" => At(clause, i - 1) is "be" or "get" && At(clause, i + 1) is "to" or "with",
                "connect" => BotLexicon.SelfObjects.Contains(At(clause, i + 1)) && At(clause, i + 2) is "to" or "with" && !IsPast(clause, i),
                _ => false,
            };
            if (asks)
            {
                return true;
            }
        }

        return false;
    }
}
