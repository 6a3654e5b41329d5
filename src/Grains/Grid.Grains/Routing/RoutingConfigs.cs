using System.Collections.Concurrent;

namespace Grid.Routing;

/// <summary>
/// The silo's copy of each tenant's routing configuration, refreshed when its version changes: a use accepts a copy
/// checked up to <c>maxAge</c> ago, so an admin's change reaches every silo within that time without a call per message.
/// </summary>
internal sealed class RoutingConfigs(IGrainFactory grains, TimeProvider clock) : ITenantRouting
{
    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public async Task<RoutingConfig> GetAsync(string tenant, TimeSpan maxAge)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenant, out var recent) && now - recent.CheckedAt <= maxAge)
        {
            return recent.Config;
        }

        var grain = grains.GetGrain<IRoutingConfigGrain>(tenant);
        var version = await grain.GetVersionAsync();
        if (recent is not null && recent.Config.Version == version)
        {
            cache[tenant] = recent with { CheckedAt = now };
            return recent.Config;
        }

        var config = await grain.GetAsync();
        cache.AddOrUpdate(tenant, new Cached(config, now), (_, old) => old.Config.Version > config.Version ? old : new Cached(config, now));
        return config;
    }

    private sealed record Cached(RoutingConfig Config, DateTimeOffset CheckedAt);
}

/// <summary>Where the pipeline and agents get a tenant's routing configuration (the silo's cache).</summary>
internal interface ITenantRouting
{
    Task<RoutingConfig> GetAsync(string tenant, TimeSpan maxAge);
}
