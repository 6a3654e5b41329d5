namespace Grid.Bot;

/// <summary>
/// Misses that ask the same thing in different words: the representative phrasing (the most frequent wording of the
/// group's most frequent form), how many misses the group holds, their languages, the first and last time one was
/// written, and up to <see cref="UnansweredLimits.MaxExamples"/> other wordings, the most frequent first.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.UnansweredQuestionGroup")]
public sealed record UnansweredQuestionGroup(
    [property: Id(0)] string Representative,
    [property: Id(1)] int Count,
    [property: Id(2)] IReadOnlyList<string> Languages,
    [property: Id(3)] DateTimeOffset FirstSeen,
    [property: Id(4)] DateTimeOffset LastSeen,
    [property: Id(5)] IReadOnlyList<string> Examples);
