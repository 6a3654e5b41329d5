using System.Collections.Concurrent;

namespace Grid.Escalation;

/// <summary>
/// The silo's copy of each tenant's escalation policy (with its opening schedule), refreshed when the policy's version
/// changes: a use on the hot path accepts a copy checked up to <c>maxAge</c> ago, so an admin's change reaches every
/// silo within that time without a call per message.
/// </summary>
internal sealed class EscalationPolicies(IGrainFactory grains, TimeProvider clock) : ITenantPolicies
{
    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public async Task<TenantPolicy> GetAsync(string tenant, TimeSpan maxAge)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenant, out var recent) && now - recent.CheckedAt <= maxAge)
        {
            return recent.Policy;
        }

        var grain = grains.GetGrain<IEscalationPolicyGrain>(tenant);
        var version = await grain.GetVersionAsync();
        if (recent is not null && recent.Policy.Version == version)
        {
            cache[tenant] = recent with { CheckedAt = now };
            return recent.Policy;
        }

        var stored = await grain.GetAsync();
        var policy = TenantPolicy.Of(stored.Policy, stored.Version);
        cache.AddOrUpdate(tenant, new Cached(policy, now), (_, old) => old.Policy.Version > policy.Version ? old : new Cached(policy, now));
        return policy;
    }

    private sealed record Cached(TenantPolicy Policy, DateTimeOffset CheckedAt);
}

/// <summary>Where the pipeline gets a tenant's escalation policy (the silo's cache; a fixed one in model tests).</summary>
internal interface ITenantPolicies
{
    Task<TenantPolicy> GetAsync(string tenant, TimeSpan maxAge);
}

/// <summary>
/// A tenant's policy ready to use: the rules, the opening schedule (null: always open), the quiet hours (null: none),
/// the tenant's wording of Grid's own messages, and the version.
/// </summary>
internal sealed record TenantPolicy(EscalationPolicy Rules, OpeningSchedule? Schedule, long Version)
{
    public QuietSchedule? Quiet { get; init; }

    public Conversations.NoticeWording Wording { get; init; } = Conversations.NoticeWording.Default;

    /// <summary>Whether anything runs on the conversation's clock (deadlines, status updates, auto-resolution).</summary>
    public bool HasTimers => (Rules.Sla?.Count ?? 0) > 0 || Rules.StatusInterval is not null || Rules.AutoResolveAfter is not null;

    public static TenantPolicy Of(EscalationPolicy rules, long version = 0) =>
        new(rules, rules.Hours is { } hours ? new OpeningSchedule(hours) : null, version)
        {
            Quiet = rules.Quiet is { } quiet ? new QuietSchedule(quiet) : null,
            Wording = rules.Templates is { Count: > 0 } templates ? new Conversations.NoticeWording(templates) : Conversations.NoticeWording.Default,
        };
}
