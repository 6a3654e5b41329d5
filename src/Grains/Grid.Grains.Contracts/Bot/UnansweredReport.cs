namespace Grid.Bot;

/// <summary>The groups of a period's misses, the most frequent first (at most the query's limit), and how many misses the period holds in all.</summary>
[GenerateSerializer, Immutable, Alias("grid.UnansweredReport")]
public sealed record UnansweredReport(
    [property: Id(0)] IReadOnlyList<UnansweredQuestionGroup> Groups,
    [property: Id(1)] int TotalMisses);
