namespace Grid.Bot;

/// <summary>
/// Turns a ranked entry's features (<see cref="ConfidenceFeatures"/>) into a confidence between 0 and 1.
/// <see cref="ConfidenceKind.Basic"/> is plain ranking: how much of its best phrasing's own score the query reached.
/// <see cref="ConfidenceKind.Calibrated"/> also asks how much of the query the entry explains (a message about
/// something else shares a word or two with a phrasing but leaves most of its content unmatched) and how much of the
/// phrasing the query covers. <see cref="ConfidenceKind.Trained"/> asks the index's <see cref="ConfidenceModel"/>.
/// </summary>
internal static class MatchConfidence
{
    public static double Of(IndexSearch search, int rank, ConfidenceKind kind, ConfidenceModel? model)
    {
        var match = search.Matches[rank];
        return kind switch
        {
            ConfidenceKind.Basic => match.Relative,
            ConfidenceKind.Trained when model is not null => model.Probability(ConfidenceFeatures.Of(search, rank)),
            _ => Math.Clamp((0.4 * match.Relative) + (0.35 * match.QueryCoverage) + (0.25 * match.PhrasingCoverage), 0, 1),
        };
    }
}
