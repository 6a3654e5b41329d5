using Grid.Pipeline;

namespace Grid.Triage;

/// <summary>The category model's view of a message: the category, its probability, the three most probable, the model's version.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageFinding")]
internal sealed record TriageFinding(
    [property: Id(0)] string Category,
    [property: Id(1)] double Probability,
    [property: Id(2)] IReadOnlyList<TriageAlternative> Top,
    [property: Id(3)] long ModelVersion) : AnalysisFinding;
