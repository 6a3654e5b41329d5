using System.Security.Cryptography;

namespace Grid.Tests.Infrastructure;

/// <summary>
/// Fresh secrets for one test host: a signing key, an address-hash key, two integrators in two tenants (keys without
/// scopes), an ingest-only integrator, and admin integrators of the knowledge-base tests' tenants.
/// </summary>
public sealed class TestKeys
{
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string HashKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Tenant { get; } = "t1";

    public string Integrator { get; } = "sms-gw";

    public string ApiKey { get; } = "key-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string OtherTenant { get; } = "t2";

    public string OtherIntegrator { get; } = "other-gw";

    public string OtherApiKey { get; } = "key-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Extra tenants, one per test that routes to agents, so that conversations left waiting by other tests
    /// of a shared host never take its agents' slots. Integrator "{tenant}-gw", key from <see cref="ApiKeyFor"/>.
    /// </summary>
    public IReadOnlyList<string> IsolatedTenants { get; } = ["path", "redeliver", "resend", "email", "decline", "ops", "replay", "bad-input", "retry"];

    /// <summary>An integrator of <see cref="Tenant"/> whose key has only the ingest scope.</summary>
    public string IngestOnlyIntegrator { get; } = "ingest-only";

    public string IngestOnlyApiKey { get; } = "key-ingest-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Tenants whose knowledge base one test administers, so that tests of a shared host never see each other's entries.
    /// Integrator "{tenant}-admin" with the admin scope only, key from <see cref="ApiKeyFor"/>.
    /// </summary>
    public IReadOnlyList<string> KnowledgeTenants { get; } = ["kb-crud", "kb-import", "kb-refused", "kb-limits", "kb-settings", "kb-export", "kb-eval"];

    private readonly Dictionary<string, string> isolatedKeys = new();

    public string ApiKeyFor(string tenant)
    {
        lock (isolatedKeys)
        {
            return isolatedKeys.TryGetValue(tenant, out var key)
                ? key
                : isolatedKeys[tenant] = "key-" + tenant + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        }
    }

    public Dictionary<string, string> Environment()
    {
        var environment = BaseEnvironment();
        foreach (var tenant in IsolatedTenants)
        {
            environment[$"Grid__Integrators__{tenant}-gw__Tenant"] = tenant;
            environment[$"Grid__Integrators__{tenant}-gw__ApiKey"] = ApiKeyFor(tenant);
        }

        foreach (var tenant in KnowledgeTenants)
        {
            environment[$"Grid__Integrators__{tenant}-admin__Tenant"] = tenant;
            environment[$"Grid__Integrators__{tenant}-admin__ApiKey"] = ApiKeyFor(tenant);
            environment[$"Grid__Integrators__{tenant}-admin__Scopes__0"] = "admin";
        }

        // These tenants' integrators hold every scope: they administer the knowledge base and policy and post as customers.
        foreach (var tenant in AllScopeTenants)
        {
            environment[$"Grid__Integrators__{tenant}-all__Tenant"] = tenant;
            environment[$"Grid__Integrators__{tenant}-all__ApiKey"] = ApiKeyFor(tenant);
            foreach (var (scope, i) in new[] { "ingest", "outbound", "read", "admin", "gdpr", "proactive" }.Select((s, i) => (s, i)))
            {
                environment[$"Grid__Integrators__{tenant}-all__Scopes__{i}"] = scope;
            }
        }

        WebChatWidgets(environment);
        return environment;
    }

    /// <summary>The origin the web chat tests' widgets allow.</summary>
    public string WidgetOrigin { get; } = "https://shop.example.com";

    /// <summary>The public key of the web chat tests' widget of <paramref name="tenant"/> (widgets are named after their tenant).</summary>
    public static string WidgetKeyFor(string tenant) => "wk_test_" + tenant + "_0123456789";

    /// <summary>A widget per web chat test tenant, allowed on <see cref="WidgetOrigin"/>; "wc-limits" with a bucket of 3 messages per visitor.</summary>
    private void WebChatWidgets(Dictionary<string, string> environment)
    {
        foreach (var tenant in new[] { "wc-agent", "wc-link", "wc-limits" })
        {
            environment[$"Grid__WebChat__Widgets__{tenant}__Tenant"] = tenant;
            environment[$"Grid__WebChat__Widgets__{tenant}__PublicKey"] = WidgetKeyFor(tenant);
            environment[$"Grid__WebChat__Widgets__{tenant}__AllowedOrigins__0"] = WidgetOrigin;
        }

        environment["Grid__WebChat__Widgets__wc-limits__RateLimits__VisitorBurst"] = "3";
        environment["Grid__WebChat__Widgets__wc-limits__RateLimits__VisitorPerMinute"] = "1";
    }

    /// <summary>The tenant of the bot's end-to-end tests (integrator "bot-all", every scope, key from <see cref="ApiKeyFor"/>).</summary>
    public string BotTenant { get; } = "bot";

    /// <summary>
    /// Tenants whose integrator ("{tenant}-all") holds every scope: the bot tenant, and one per escalation test (each
    /// sets its own policy), and the unanswered-questions test's (its misses are counted). Key from <see cref="ApiKeyFor"/>.
    /// </summary>
    public IReadOnlyList<string> AllScopeTenants { get; } =
    [
        "bot", "esc-nomatch", "esc-tier", "esc-hours", "esc-sentiment", "esc-policy", "handoff", "consult", "csat", "switch",
        "sla", "silence", "waiting", "callback", "callback-web", "wording",
        "merge-link", "merge-admin", "unanswered", "sup-list", "sup-watch",
        "wc-agent", "wc-link", "wc-limits",
        "route-admin", "route-skills", "route-timeout", "route-sticky", "route-overflow", "route-disconnect", "route-sup", "route-restart",
        "dir-import", "dir-ident", "dir-suggest", "dir-unlink", "dir-csv",
        "grouping", "group-colleague", "group-merge", "group-split", "group-admin",
        "gdpr", "gdpr-other", "gdpr-retention",
        "pro-tags", "pro-fanout", "pro-fallback", "pro-deflect", "pro-errors",
        "pro-sched", "pro-sched-cancel", "pro-sched-quiet", "pro-sched-errors", "pro-sched-restart", "pro-sched-fallback", "pro-part", "pro-link", "pro-action", "pro-action-expiry",
    ];

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        // The demo tenant's triage model is trained at start in the background: not in tests, which share two cores.
        ["Grid__Triage__SeedDemo"] = "false",
        ["Grid__Auth__SigningKey"] = SigningKey,
        ["Grid__Auth__AgentOrigins__0"] = "https://desk.example.com",
        // Tests drive bursts far beyond a person's pace (400 hub calls in a row) on shared hosts: the limits are tested on
        // hosts of their own (RateLimitTests), with small ones.
        ["Grid__RateLimits__AgentPerSecond"] = "100000",
        ["Grid__RateLimits__AgentBurst"] = "100000",
        ["Grid__RateLimits__IntegratorPerSecond"] = "100000",
        ["Grid__RateLimits__IntegratorBurst"] = "100000",
        ["Grid__RateLimits__AnonymousPerMinute"] = "100000",
        ["Grid__Identity__HashKey"] = HashKey,
        [$"Grid__Integrators__{Integrator}__Tenant"] = Tenant,
        [$"Grid__Integrators__{Integrator}__ApiKey"] = ApiKey,
        [$"Grid__Integrators__{IngestOnlyIntegrator}__Tenant"] = Tenant,
        [$"Grid__Integrators__{IngestOnlyIntegrator}__ApiKey"] = IngestOnlyApiKey,
        [$"Grid__Integrators__{IngestOnlyIntegrator}__Scopes__0"] = "ingest",
        [$"Grid__Integrators__{OtherIntegrator}__Tenant"] = OtherTenant,
        // The other integrator's key is configured by its hash, as production keys are.
        [$"Grid__Integrators__{OtherIntegrator}__ApiKeySha256"] = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(OtherApiKey))),
    };

    public string Token(string tenant, string agent, string? signingKey = null, string role = "agent") =>
        Edge.Auth.AgentTokens.Mint(new Edge.AuthOptions { SigningKey = signingKey ?? SigningKey }, tenant, agent, agent, role, TimeSpan.FromHours(1));
}
