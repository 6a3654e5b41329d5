using System.Collections.Concurrent;
using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Options;

namespace Grid.Proactive;

/// <summary>
/// The silo's view of whether a tenant has incident pushes waiting to be linked into conversations (grid_incident_link),
/// probed at most every Grid:Proactive:IncidentCacheAge (1 s) per tenant: an inbound message costs a dictionary lookup
/// when nothing waits. A push written less than that before its customer's message may therefore be linked after it.
/// </summary>
internal sealed class PendingPushLinks(IProactiveStore store, IOptions<GridRuntimeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, bool Any)> byTenant = new(StringComparer.Ordinal);

    public async ValueTask<bool> AnyAsync(string tenant)
    {
        var now = clock.GetUtcNow();
        if (byTenant.TryGetValue(tenant, out var cached) && now - cached.At < options.Value.Proactive.IncidentCacheAge)
        {
            return cached.Any;
        }

        var any = await store.HasPendingLinksAsync(tenant);
        byTenant[tenant] = (now, any);
        return any;
    }
}
