using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Bot;

/// <summary>
/// The silo's matchers, one per tenant, kept while the knowledge base's version stays the same: a use asks the tenant's
/// knowledge-base grain for its version (a cheap read-only call) and rebuilds from a new snapshot when it changed, so an
/// admin's change reaches every silo without a restart. A caller on a hot path (every customer message) may accept a
/// version checked up to <c>maxAge</c> ago, sparing the knowledge-base grain a call per message. A replaced matcher is
/// not disposed (a call may still be deciding with it): it is left to the garbage collector.
/// <para>
/// Building an index (and training its classifier) takes from milliseconds for the demo base to tens of seconds for
/// a base of hundreds of entries, so it runs on the thread pool, never on a grain's turn, and one build per tenant and
/// version is shared by every caller. While a newer version builds, the hot path (a caller accepting an age) keeps
/// deciding with the silo's previous matcher; a caller asking for the current version (Evaluate) waits for it.
/// </para>
/// </summary>
internal sealed class BotMatchers(IGrainFactory grains, IServiceProvider services, TimeProvider clock)
{
    private readonly IKnowledgeMatcherFactory? factory = services.GetService<IKnowledgeMatcherFactory>();
    private readonly ConcurrentDictionary<string, Built> built = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, long Version), Lazy<Task<Built>>> building = new();

    /// <summary>Whether a matcher is installed in this silo.</summary>
    public bool Installed => factory is not null;

    /// <summary>
    /// The tenant's matcher and the version it was built from: the current version, or one checked at most
    /// <paramref name="maxAge"/> ago (zero, the default: checked now).
    /// </summary>
    public async Task<(IBotMatcher Matcher, long Version)> GetAsync(string tenant, TimeSpan maxAge = default)
    {
        var built = await GetBuiltAsync(tenant, maxAge);
        return (built.Matcher, built.Snapshot.Version);
    }

    /// <summary>The tenant's matcher with the snapshot it was built from (the entries' answers, the settings).</summary>
    public async Task<(IBotMatcher Matcher, KnowledgeSnapshot Snapshot)> GetWithSnapshotAsync(string tenant, TimeSpan maxAge = default)
    {
        var built = await GetBuiltAsync(tenant, maxAge);
        return (built.Matcher, built.Snapshot);
    }

    /// <summary>
    /// The tenant's matcher for a customer message (a version checked at most <paramref name="maxAge"/> ago), or null
    /// when this silo has none yet and building it takes longer than <paramref name="wait"/>: the build carries on
    /// for the next messages, and this one does not hold its caller past a grain call's deadline. Once the silo has a
    /// matcher for the tenant, a newer version builds while the previous one decides, so nothing waits on a build.
    /// </summary>
    public async Task<(IBotMatcher Matcher, KnowledgeSnapshot Snapshot)?> GetForMessageAsync(string tenant, TimeSpan maxAge, TimeSpan wait)
    {
        var pending = GetBuiltAsync(tenant, maxAge);
        if (!pending.IsCompleted && !built.ContainsKey(tenant))
        {
            try
            {
                await pending.WaitAsync(wait, clock);
            }
            catch (TimeoutException)
            {
                _ = pending.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                return null;
            }
        }

        var ready = await pending;
        return (ready.Matcher, ready.Snapshot);
    }

    private async Task<Built> GetBuiltAsync(string tenant, TimeSpan maxAge)
    {
        if (factory is null)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.Unavailable,
                "the bot matcher is not installed in this Grid build: knowledge-base administration works, evaluation does not");
        }

        var now = clock.GetUtcNow();
        if (maxAge > TimeSpan.Zero && built.TryGetValue(tenant, out var recent) && now - recent.CheckedAt <= maxAge)
        {
            return recent;
        }

        var knowledgeBase = grains.GetGrain<IKnowledgeBaseGrain>(tenant);
        var version = await knowledgeBase.GetVersionAsync();
        if (built.TryGetValue(tenant, out var cached) && cached.Version == version)
        {
            var refreshed = cached with { CheckedAt = now };
            built.TryUpdate(tenant, refreshed, cached);
            return refreshed;
        }

        var build = building.GetOrAdd((tenant, version), key => new Lazy<Task<Built>>(() => BuildAsync(knowledgeBase, key.Tenant, key.Version)));
        if (maxAge > TimeSpan.Zero && cached is not null && !build.Value.IsCompleted)
        {
            return cached; // the hot path decides with the previous version while the new one builds
        }

        return await build.Value;
    }

    private async Task<Built> BuildAsync(IKnowledgeBaseGrain knowledgeBase, string tenant, long version)
    {
        try
        {
            var snapshot = await knowledgeBase.GetSnapshotAsync();
            var matcher = await Task.Run(() => factory!.Create(snapshot));
            var fresh = new Built(snapshot.Version, matcher, clock.GetUtcNow(), snapshot);
            // A slower build of an older version never replaces a newer one.
            built.AddOrUpdate(tenant, fresh, (_, old) => old.Version > fresh.Version ? old : fresh);
            return fresh;
        }
        finally
        {
            building.TryRemove((tenant, version), out _);
        }
    }

    private sealed record Built(long Version, IBotMatcher Matcher, DateTimeOffset CheckedAt, KnowledgeSnapshot Snapshot);
}
