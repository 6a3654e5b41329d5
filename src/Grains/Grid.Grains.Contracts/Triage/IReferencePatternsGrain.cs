namespace Grid.Triage;

/// <summary>
/// A tenant's reference patterns (key: the tenant) and a version incremented by every change. Silos compile the
/// patterns once per version (<see cref="GetVersionAsync"/>). Refusals are <see cref="TriageRuleException"/>s naming the
/// field at fault (<c>patterns[2].detect_regex</c>).
/// </summary>
[Alias("grid.IReferencePatternsGrain")]
public interface IReferencePatternsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the patterns, once they all compile, and answers the new version once written. Refused patterns change
    /// nothing: the previous ones stay in use.
    /// </summary>
    [Alias("SetAsync")]
    Task<long> SetAsync(IReadOnlyList<ReferencePattern> patterns);

    /// <summary>The patterns and their version.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<ReferencePatternSet> GetAsync();

    /// <summary>The version (0: never set): cheap, for a silo to tell whether its compiled patterns are current.</summary>
    [Alias("GetVersionAsync"), ReadOnly]
    Task<long> GetVersionAsync();
}
