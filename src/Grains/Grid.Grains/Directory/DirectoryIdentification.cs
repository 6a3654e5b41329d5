using Grid.Hosting;
using Grid.Storage;
using Grid.Triage;
using Microsoft.Extensions.Options;

namespace Grid.CustomerDirectory;

/// <summary>
/// Identifies a message's customer from its content (<see cref="CustomerIdentifier"/>) with the tenant's reference
/// patterns as this silo has them compiled (checked every 5 seconds) and one lookup in the directory's keys. No side effect.
/// </summary>
internal sealed class DirectoryIdentification(TenantReferencePatterns patterns, IDirectoryStore store, IOptions<GridRuntimeOptions> options)
{
    private static readonly TimeSpan PatternAge = TimeSpan.FromSeconds(5);

    public async Task<IdentificationResult> IdentifyAsync(
        string tenant, string? subject, string text, Channel channel, string? sender, IEnumerable<string>? attachmentNames = null, bool freshPatterns = false)
    {
        var compiled = await patterns.GetAsync(tenant, freshPatterns ? TimeSpan.Zero : PatternAge);
        var keys = CustomerIdentifier.Keys(compiled, subject, text, channel, sender, attachmentNames);
        var lookups = keys.Lookups;
        var hits = lookups.Count == 0 ? [] : await store.LookupAsync(tenant, lookups);
        return CustomerIdentifier.Decide(keys, hits, options.Value.Identity.LinkConfidence);
    }
}
