using System.Collections.Concurrent;
using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Proactive;

/// <summary>An open incident with its audience parsed, for deflection.</summary>
internal sealed record OpenIncident(IncidentSummary Summary, Audience Audience);

/// <summary>
/// The silo's copy of each tenant's open incidents, read from the tenant's registry at most every
/// Grid:Proactive:IncidentCacheAge (1 s): an inbound message costs a dictionary lookup, not a call to a tenant-wide grain.
/// An incident is therefore deflected from at most that long after it opens.
/// </summary>
internal sealed class OpenIncidents(IGrainFactory grains, IOptions<GridRuntimeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<OpenIncident> Incidents)> byTenant = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<OpenIncident>> GetAsync(string tenant)
    {
        var now = clock.GetUtcNow();
        if (byTenant.TryGetValue(tenant, out var cached) && now - cached.At < options.Value.Proactive.IncidentCacheAge)
        {
            return cached.Incidents;
        }

        var open = await grains.GetGrain<IIncidentRegistryGrain>(tenant).ListAsync(openOnly: true);
        IReadOnlyList<OpenIncident> incidents = [.. open.Select(s => new OpenIncident(s, Audience.Parse(s.Audience)))];
        byTenant[tenant] = (now, incidents);
        return incidents;
    }
}
