namespace Grid.Bot;

/// <summary>
/// The features a confidence is computed from, for one of a query's ranked entries: the relative score, the share of
/// the query matched, the share of the best phrasing matched, the margin to the best other entry (negative for an
/// entry that is not first) and the query's length.
/// </summary>
internal static class ConfidenceFeatures
{
    public const int Count = 5;

    public static float[] Of(IndexSearch search, int rank)
    {
        var match = search.Matches[rank];
        var other = search.Matches.Where((_, i) => i != rank).Select(m => m.Score).DefaultIfEmpty(0).Max();
        var margin = match.Score > 0 ? (match.Score - other) / match.Score : 0;
        return
        [
            (float)match.Relative,
            (float)match.QueryCoverage,
            (float)match.PhrasingCoverage,
            Math.Max(-1, margin),
            (float)Math.Log(1 + search.QueryTerms.Count),
        ];
    }
}
