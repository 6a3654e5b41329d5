namespace Grid.Bot;

/// <summary>
/// What the learned decision (<see cref="DecisionModel"/>) knows of one ranked entry: its hand-made confidence with and
/// without the semantic signal (<see cref="MatchConfidence"/>), the lexical features that confidence is made of, the
/// trained scorer's probability, its best cosine, how far ahead of the other candidates it is in each signal, whether
/// ranking and meaning each put it first, and the message's size and language. Every value is relative to the base
/// (scores as shares of a phrasing's own score, margins to the other candidates), so a model learnt on one base's
/// messages carries to another's.
/// </summary>
internal static class DecisionFeatures
{
    public const int Count = 14;

    public static IReadOnlyList<string> Names { get; } =
    [
        "confidence", "lexical confidence", "relative score", "query coverage", "scorer", "cosine", "cosine margin",
        "score margin", "confidence margin", "log query terms", "log message length", "french", "first in ranking",
        "first in meaning",
    ];

    /// <param name="search">The message's search in one language.</param>
    /// <param name="rank">The entry's position in <paramref name="search"/>'s matches.</param>
    /// <param name="confidence">Each match's hand-made confidence with the semantic signal.</param>
    /// <param name="lexical">Each match's hand-made confidence without it.</param>
    /// <param name="messageLength">The message's length in characters.</param>
    public static float[] Of(IndexSearch search, int rank, IReadOnlyList<double> confidence, IReadOnlyList<double> lexical, int messageLength)
    {
        var matches = search.Matches;
        var match = matches[rank];
        double otherCosine = 0, otherScore = 0, otherConfidence = 0;
        var firstInMeaning = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].Semantic > matches[firstInMeaning].Semantic)
            {
                firstInMeaning = i;
            }

            if (i != rank)
            {
                otherCosine = Math.Max(otherCosine, matches[i].Semantic);
                otherScore = Math.Max(otherScore, matches[i].Score);
                otherConfidence = Math.Max(otherConfidence, confidence[i]);
            }
        }

        return
        [
            (float)confidence[rank],
            (float)lexical[rank],
            (float)match.Relative,
            (float)match.QueryCoverage,
            (float)match.Classifier,
            (float)match.Semantic,
            (float)(match.Semantic - otherCosine),
            match.Score > 0 ? (float)Math.Max(-1, (match.Score - otherScore) / match.Score) : 0,
            (float)(confidence[rank] - otherConfidence),
            (float)Math.Log(1 + search.QueryTerms.Count),
            (float)Math.Log(1 + messageLength),
            search.Language == "fr" ? 1 : 0,
            rank == 0 ? 1 : 0,
            firstInMeaning == rank ? 1 : 0,
        ];
    }
}
