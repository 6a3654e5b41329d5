namespace Grid.Bot;

/// <summary>A tenant's recorded misses, in the order they arrived (the oldest first), at most <see cref="UnansweredLimits.MaxRecorded"/>.</summary>
[GenerateSerializer, Alias("grid.UnansweredQuestionsState")]
internal sealed class UnansweredQuestionsState
{
    [Id(0)] public List<UnansweredQuestion> Misses { get; set; } = [];
}
