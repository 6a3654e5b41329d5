namespace Grid.Triage;

/// <summary>
/// A trained category model to store: the ML.NET model's bytes (<c>MLContext.Model.Save</c>), its categories, trainer,
/// metrics and training time. The store refuses a model that does not load or whose categories differ from the
/// model's own.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.TriageModelUpload")]
public sealed record TriageModelUpload(
    [property: Id(0)] byte[] Model,
    [property: Id(1)] IReadOnlyList<string> Categories,
    [property: Id(2)] string Trainer,
    [property: Id(3)] TriageMetrics Metrics,
    [property: Id(4)] DateTimeOffset TrainedAt,
    [property: Id(5)] double TrainingSeconds);

/// <summary>The stored model's bytes with what it is, for a silo to load.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageStoredModel")]
public sealed record TriageStoredModel(
    [property: Id(0)] byte[] Model,
    [property: Id(1)] TriageModelInfo Info);

/// <summary>Limits of the category model.</summary>
public static class TriageLimits
{
    /// <summary>A serialised model above this size is refused (the demo tenant's is about a megabyte).</summary>
    public const int MaxModelBytes = 16 * 1024 * 1024;

    /// <summary>A text to classify: at most this many characters (a long email; the rest would not change the category).</summary>
    public const int MaxTextChars = 100_000;

    /// <summary>A subject: at most this many characters.</summary>
    public const int MaxSubjectChars = 1_000;

    /// <summary>Categories per model: 2 to this many.</summary>
    public const int MaxCategories = 100;
}
