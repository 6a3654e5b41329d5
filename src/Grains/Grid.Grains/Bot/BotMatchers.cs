using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Bot;

/// <summary>
/// The silo's matchers, one per tenant, kept while the knowledge base's version stays the same: each use asks the
/// tenant's knowledge-base grain for its version (a cheap read-only call) and rebuilds from a new snapshot when it
/// changed, so an admin's change reaches every silo without a restart. A replaced matcher is not disposed (a call may
/// still be deciding with it): it is left to the garbage collector.
/// </summary>
internal sealed class BotMatchers(IGrainFactory grains, IServiceProvider services)
{
    private readonly IKnowledgeMatcherFactory? factory = services.GetService<IKnowledgeMatcherFactory>();
    private readonly ConcurrentDictionary<string, (long Version, IBotMatcher Matcher)> built = new(StringComparer.Ordinal);

    /// <summary>Whether a matcher is installed in this silo.</summary>
    public bool Installed => factory is not null;

    /// <summary>The tenant's matcher for the knowledge base's current version, and that version.</summary>
    public async Task<(IBotMatcher Matcher, long Version)> GetAsync(string tenant)
    {
        if (factory is null)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.Unavailable,
                "the bot matcher is not installed in this Grid build: knowledge-base administration works, evaluation does not");
        }

        var knowledgeBase = grains.GetGrain<IKnowledgeBaseGrain>(tenant);
        var version = await knowledgeBase.GetVersionAsync();
        if (built.TryGetValue(tenant, out var cached) && cached.Version == version)
        {
            return (cached.Matcher, version);
        }

        var snapshot = await knowledgeBase.GetSnapshotAsync();
        var matcher = factory.Create(snapshot);
        // Two callers may build the same version at once; a slower build of an older version never replaces a newer one.
        built.AddOrUpdate(tenant, (snapshot.Version, matcher), (_, old) => old.Version > snapshot.Version ? old : (snapshot.Version, matcher));
        return (matcher, snapshot.Version);
    }
}
