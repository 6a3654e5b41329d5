namespace Grid.Bot;

/// <summary>
/// One entry's standing for a query in one language's index: its BM25 score (best phrasing, plus the weighted answer
/// field), the best phrasing, and the features the confidence is computed from.
/// </summary>
/// <param name="Entry">The entry's position in the knowledge base.</param>
/// <param name="Score">The ranking score: the best phrasing's BM25 score plus the weighted answer-field score.</param>
/// <param name="QuestionScore">The best phrasing's BM25 score.</param>
/// <param name="Relative">
/// The best phrasing's score relative to the score it gets when queried with its own text (1: the query says all
/// the phrasing says).
/// </param>
/// <param name="QueryCoverage">The share of the query's content (IDF-weighted terms) that the entry's phrasings match.</param>
/// <param name="PhrasingCoverage">The share of the best phrasing's content (IDF-weighted terms) that the query matches.</param>
/// <param name="Classifier">The <see cref="PhrasingClassifier"/>'s probability for the entry (0 without one).</param>
/// <param name="Semantic">The best cosine between the message's sentence embedding and the entry's phrasings' (0 without the semantic signal).</param>
/// <param name="HoldsEveryTerm">Whether the entry's phrasings hold every analysed term of the query as it is written (no synonym, no typo).</param>
internal sealed record EntryMatch(
    int Entry,
    float Score,
    float QuestionScore,
    double Relative,
    double QueryCoverage,
    double PhrasingCoverage,
    double Classifier = 0,
    double Semantic = 0,
    bool HoldsEveryTerm = false);
