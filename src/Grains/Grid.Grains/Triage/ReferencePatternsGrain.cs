using Microsoft.Extensions.Logging;

namespace Grid.Triage;

/// <summary>
/// A tenant's reference patterns (key: the tenant) in one persistent state on the "grid" storage. A change is compiled
/// (<see cref="ReferencePatterns.Compile"/>) before anything is stored, so patterns that do not compile change nothing.
/// </summary>
internal sealed class ReferencePatternsGrain(
    [PersistentState("reference-patterns", Hosting.GridSiloExtensions.StorageName)] IPersistentState<ReferencePatternsState> state,
    ILogger<ReferencePatternsGrain> logger) : Grain, IReferencePatternsGrain
{
    public async Task<long> SetAsync(IReadOnlyList<ReferencePattern> patterns)
    {
        ReferencePatterns.Compile(patterns);
        var previous = (state.State.Patterns, state.State.Version);
        state.State.Patterns = [.. patterns];
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Patterns, state.State.Version) = previous;
            throw;
        }

        logger.LogInformation("Reference patterns of tenant {Tenant} stored as version {Version} ({Count} patterns)",
            this.GetPrimaryKeyString(), state.State.Version, patterns.Count);
        return state.State.Version;
    }

    public Task<ReferencePatternSet> GetAsync() =>
        Task.FromResult(new ReferencePatternSet([.. state.State.Patterns], state.State.Version));

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);
}
