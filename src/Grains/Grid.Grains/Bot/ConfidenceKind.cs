namespace Grid.Bot;

/// <summary>How the matcher turns a ranking into a confidence.</summary>
internal enum ConfidenceKind
{
    /// <summary>The top score relative to the score its phrasing would get for itself: plain ranking.</summary>
    Basic,

    /// <summary>A fixed function of that relative score, the share of the query's content matched and the share of the phrasing matched.</summary>
    Calibrated,

    /// <summary>
    /// A logistic regression over <see cref="ConfidenceFeatures"/> (those three, the margin to the other entries, the
    /// query's length), trained when the index is built on the knowledge base's own phrasings (leave-one-out).
    /// </summary>
    Trained,
}
