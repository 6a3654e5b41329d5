namespace Grid.Triage;

/// <summary>A tenant's reference patterns as stored. Replaced as a whole by each change.</summary>
[GenerateSerializer, Alias("grid.ReferencePatternsState")]
internal sealed class ReferencePatternsState
{
    // A plain List: the storage writes JSON with each collection's type, and a caller's collection-expression type would
    // not read back after a restart.
    [Id(0)] public List<ReferencePattern> Patterns { get; set; } = [];

    /// <summary>Version 0 until the first change.</summary>
    [Id(1)] public long Version { get; set; }
}
