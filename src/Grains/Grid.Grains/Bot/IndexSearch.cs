namespace Grid.Bot;

/// <summary>A query's ranked entries in one language's index, best first, and its analysed terms.</summary>
internal sealed record IndexSearch(string Language, IReadOnlyList<string> QueryTerms, IReadOnlyList<EntryMatch> Matches);
