using System.Collections.Concurrent;

namespace Grid.Triage;

/// <summary>
/// The silo's compiled reference patterns, one set per tenant, compiled again when the stored version changes: a use
/// accepts a set checked up to <c>maxAge</c> ago, so an admin's change reaches every silo within that time without a
/// call per message. A tenant without patterns gets an empty set.
/// </summary>
internal sealed class TenantReferencePatterns(IGrainFactory grains, TimeProvider clock)
{
    private static readonly ReferencePatterns Empty = ReferencePatterns.Compile([]);

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public async Task<ReferencePatterns> GetAsync(string tenant, TimeSpan maxAge)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenant, out var recent) && now - recent.CheckedAt <= maxAge)
        {
            return recent.Patterns;
        }

        var grain = grains.GetGrain<IReferencePatternsGrain>(tenant);
        var version = await grain.GetVersionAsync();
        if (recent is not null && recent.Version == version)
        {
            cache[tenant] = recent with { CheckedAt = now };
            return recent.Patterns;
        }

        var stored = version == 0 ? ReferencePatternSet.None : await grain.GetAsync();
        // Stored patterns compiled when they were set; they compile the same here.
        var patterns = stored.Patterns.Count == 0 ? Empty : ReferencePatterns.Compile(stored.Patterns);
        var fresh = new Cached(patterns, stored.Version, now);
        cache.AddOrUpdate(tenant, fresh, (_, old) => old.Version > fresh.Version ? old : fresh);
        return patterns;
    }

    private sealed record Cached(ReferencePatterns Patterns, long Version, DateTimeOffset CheckedAt);
}
