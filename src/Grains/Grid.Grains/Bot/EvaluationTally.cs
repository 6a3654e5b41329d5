namespace Grid.Bot;

/// <summary>The evaluation's counts over a set of outcomes (one language, or all).</summary>
internal sealed record EvaluationTally(IReadOnlyList<CaseOutcome> Outcomes)
{
    public int Answerable => Outcomes.Count(o => o.Case.Expect == "answer");

    public int Right => Outcomes.Count(o => o.Right);

    public int Clarified => Outcomes.Count(o => o.Clarified);

    public int WrongAnswers => Outcomes.Count(o => o.Case.Expect == "answer" && o.Decision.Kind == BotDecisionKind.Answer && !o.Right);

    public int Uncovered => Outcomes.Count(o => o.Case.Expect == "none");

    public int Abstained => Outcomes.Count(o => o.Abstained);

    public int HumanRequests => Outcomes.Count(o => o.Case.Expect == "human");

    public int HumansRecognised => Outcomes.Count(o => o.HumanRecognised);

    public int HumanDecisions => Outcomes.Count(o => o.Decision.Kind == BotDecisionKind.Human);

    /// <summary>Messages whose language the matcher detected as the case's (an answer's language is the detected one when the entry has it).</summary>
    public int LanguageRight => Outcomes.Count(o => o.Decision.Language == o.Case.Language);

    /// <summary>Right answers on answerable cases.</summary>
    public double Accuracy => Share(Right, Answerable);

    /// <summary>Right answers and clarifications offering the right entry, on answerable cases.</summary>
    public double AccuracyWithClarified => Share(Right + Clarified, Answerable);

    /// <summary>No match or a clarification on cases the knowledge base does not cover.</summary>
    public double Abstention => Share(Abstained, Uncovered);

    public double HumanRecall => Share(HumansRecognised, HumanRequests);

    public double HumanPrecision => Share(HumansRecognised, HumanDecisions);

    private static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
