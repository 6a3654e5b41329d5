namespace Grid.Bot;

/// <summary>
/// Turns a ranked entry's features (<see cref="ConfidenceFeatures"/>) into a confidence between 0 and 1.
/// <see cref="ConfidenceKind.Basic"/> is plain ranking: how much of its best phrasing's own score the query reached.
/// <see cref="ConfidenceKind.Calibrated"/> also asks how much of the query the entry explains (a message about
/// something else shares a word or two with a phrasing but leaves most of its content unmatched) and how much of the
/// phrasing the query covers. <see cref="ConfidenceKind.Trained"/> asks the index's <see cref="ConfidenceModel"/>.
/// With <see cref="MatcherOptions.Scorer"/>, the classifier's probability for the entry is mixed in:
/// <c>(1 - w) * confidence + w * (probability - offset)</c> (<see cref="MatcherOptions.ScorerWeight"/>,
/// <see cref="MatcherOptions.ScorerOffset"/>), which also re-orders the candidates.
/// </summary>
internal static class MatchConfidence
{
    public static double Of(IndexSearch search, int rank, MatcherOptions options, ConfidenceModel? model, LanguageIndex index, bool semantic)
    {
        var confidence = Of(search, rank, options.Confidence, model, index.HasClassifier ? ScorerWeight(options) : 0, options.ScorerOffset);
        if (!semantic || !index.HasSemantic || options.SemanticWeight == 0)
        {
            return confidence;
        }

        var ramp = Math.Clamp((search.Matches[rank].Semantic - index.SemanticFloor) / (index.SemanticCeiling - index.SemanticFloor), 0, 1);
        return ((1 - options.SemanticWeight) * confidence) + (options.SemanticWeight * ramp);
    }

    public static double Of(IndexSearch search, int rank, ConfidenceKind kind, ConfidenceModel? model, double scorerWeight = 0, double scorerOffset = 0)
    {
        var match = search.Matches[rank];
        var confidence = kind switch
        {
            ConfidenceKind.Basic => match.Relative,
            ConfidenceKind.Trained when model is not null => model.Probability(ConfidenceFeatures.Of(search, rank)),
            _ => Math.Clamp((0.4 * match.Relative) + (0.35 * match.QueryCoverage) + (0.25 * match.PhrasingCoverage), 0, 1),
        };
        return scorerWeight == 0 ? confidence : Math.Clamp(((1 - scorerWeight) * confidence) + (scorerWeight * (match.Classifier - scorerOffset)), 0, 1);
    }

    /// <summary>The weight of the classifier's probability in the confidence under these options (0 when it is off).</summary>
    public static double ScorerWeight(MatcherOptions options) => options.Scorer ? options.ScorerWeight : 0;
}
