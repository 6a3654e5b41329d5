namespace Grid.Bot;

/// <summary>
/// Turns an entry's match features into a confidence between 0 and 1. <see cref="ConfidenceKind.Basic"/> is plain
/// ranking: how much of its best phrasing's own score the query reached. <see cref="ConfidenceKind.Calibrated"/> also
/// asks how much of the query the entry explains (a message about something else shares a word or two with a phrasing
/// but leaves most of its content unmatched) and how much of the phrasing the query covers.
/// </summary>
internal static class MatchConfidence
{
    public static double Of(EntryMatch match, ConfidenceKind kind) => kind switch
    {
        ConfidenceKind.Basic => match.Relative,
        _ => Math.Clamp((0.4 * match.Relative) + (0.35 * match.QueryCoverage) + (0.25 * match.PhrasingCoverage), 0, 1),
    };
}
