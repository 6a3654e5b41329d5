namespace Grid.Triage;

/// <summary>
/// What a tenant's stored category model is: its version (0: none stored), categories, the trainer chosen, its
/// quality on the held-out part of the training file and the naive-Bayes baseline's on the same part, and its size.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.TriageModelInfo")]
public sealed record TriageModelInfo(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<string> Categories,
    [property: Id(2)] string Trainer,
    [property: Id(3)] TriageMetrics Metrics,
    [property: Id(4)] DateTimeOffset TrainedAt,
    [property: Id(5)] int SizeBytes,
    [property: Id(6)] double TrainingSeconds)
{
    /// <summary>No model stored.</summary>
    public static TriageModelInfo None { get; } = new(0, [], "", TriageMetrics.None, DateTimeOffset.MinValue, 0, 0);
}

/// <summary>
/// Quality on a held-out set: accuracy and macro-F1 of the model and of the word-count naive-Bayes baseline trained on the
/// same split, the F1 of each category, and how many examples it was measured on.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.TriageMetrics")]
public sealed record TriageMetrics(
    [property: Id(0)] double Accuracy,
    [property: Id(1)] double MacroF1,
    [property: Id(2)] double BaselineAccuracy,
    [property: Id(3)] double BaselineMacroF1,
    [property: Id(4)] IReadOnlyDictionary<string, double> PerClassF1,
    [property: Id(5)] int EvaluatedOn)
{
    public static TriageMetrics None { get; } = new(0, 0, 0, 0, new Dictionary<string, double>(), 0);
}
