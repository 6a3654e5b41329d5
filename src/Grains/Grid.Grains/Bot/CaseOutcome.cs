namespace Grid.Bot;

/// <summary>One evaluation case and what the matcher decided for it.</summary>
internal sealed record CaseOutcome(EvaluationCase Case, BotDecision Decision)
{
    public bool Right => Case.Expect == "answer" && Decision.Kind == BotDecisionKind.Answer && Decision.EntryId == Case.Entry;

    public bool Clarified => Case.Expect == "answer" && Decision.Kind == BotDecisionKind.Clarify && Decision.Candidates.Any(c => c.EntryId == Case.Entry);

    public bool Abstained => Case.Expect == "none" && Decision.Kind is BotDecisionKind.NoMatch or BotDecisionKind.Clarify;

    public bool HumanRecognised => Case.Expect == "human" && Decision.Kind == BotDecisionKind.Human;

    /// <summary>Whether the outcome is what the case expects (a clarification with the right entry is not an error).</summary>
    public bool Expected => Right || Clarified || Abstained || HumanRecognised;

    /// <summary>What was decided, in a few words: "answer invoice-copy (0.71)", "clarify a, b", "no match (best x 0.32)", "human".</summary>
    public string Got => Decision.Kind switch
    {
        BotDecisionKind.Answer => $"answer {Decision.EntryId} ({Decision.Confidence:0.00})",
        BotDecisionKind.Clarify => $"clarify {string.Join(", ", Decision.Candidates.Select(c => c.EntryId))}",
        BotDecisionKind.Human => "human",
        _ => Decision.Candidates.Count > 0
            ? $"no match (best {Decision.Candidates[0].EntryId} {Decision.Candidates[0].Confidence:0.00})"
            : "no match",
    };

    public string ExpectedText => Case.Expect == "answer" ? $"answer {Case.Entry}" : Case.Expect;
}
