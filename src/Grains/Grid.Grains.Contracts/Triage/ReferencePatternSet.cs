namespace Grid.Triage;

/// <summary>A tenant's reference patterns, in order, and their version (0: never set, no patterns).</summary>
[GenerateSerializer, Immutable, Alias("grid.ReferencePatternSet")]
public sealed record ReferencePatternSet(
    [property: Id(0)] IReadOnlyList<ReferencePattern> Patterns,
    [property: Id(1)] long Version)
{
    /// <summary>Never set.</summary>
    public static ReferencePatternSet None { get; } = new([], 0);
}
