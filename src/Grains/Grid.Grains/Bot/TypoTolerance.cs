namespace Grid.Bot;

/// <summary>How typos in a query are tolerated.</summary>
internal enum TypoTolerance
{
    /// <summary>Only exact (analysed) terms match.</summary>
    None,

    /// <summary>A term unknown to the index of 5 letters or more also matches index terms one edit away (Lucene's FuzzyQuery).</summary>
    Fuzzy,

    /// <summary>A word unknown to the base of 5 letters or more is replaced, before stemming, by the base's words one edit away (spelling correction).</summary>
    Correction,
}
