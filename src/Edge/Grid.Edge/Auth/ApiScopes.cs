namespace Grid.Edge.Auth;

/// <summary>
/// What an API key may call: <c>ingest</c> (IngestService), <c>outbound</c> (OutboundService), <c>read</c>
/// (ReadService; TriageService's Classify and GetModel, which admin keys may call too), <c>admin</c> (KnowledgeService,
/// EscalationService, RoutingService, DirectoryService, TriageService.UploadModel, SetReferencePatterns and GetReferencePatterns), <c>gdpr</c>
/// (GdprService: customers' export and erasure, retention, the audit log), <c>proactive</c> (ProactiveService: customer
/// tags, audiences, incidents). Configured per integrator in Grid:Integrators:&lt;name&gt;:Scopes; a key
/// configured without scopes has <see cref="Default"/>, which leaves out admin, gdpr and proactive.
/// </summary>
public static class ApiScopes
{
    public const string Ingest = "ingest";
    public const string Outbound = "outbound";
    public const string Read = "read";
    public const string Admin = "admin";
    public const string Gdpr = "gdpr";
    public const string Proactive = "proactive";

    /// <summary>Every scope, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Outbound, Read, Admin, Gdpr, Proactive];

    /// <summary>The scopes of a key configured without any: what integrators could call before scopes existed.</summary>
    public static IReadOnlySet<string> Default { get; } = new HashSet<string>([Ingest, Outbound, Read], StringComparer.Ordinal);

    // Keyed by the gRPC service's full name: each method of a service needs the same scope.
    private static readonly Dictionary<string, string> ByService = new(StringComparer.Ordinal)
    {
        [Protos.V1.IngestService.Descriptor.FullName] = Ingest,
        [Protos.V1.OutboundService.Descriptor.FullName] = Outbound,
        [Protos.V1.ReadService.Descriptor.FullName] = Read,
        [Protos.V1.KnowledgeService.Descriptor.FullName] = Admin,
        [Protos.V1.EscalationService.Descriptor.FullName] = Admin,
        [Protos.V1.TriageService.Descriptor.FullName] = Read,
        [Protos.V1.RoutingService.Descriptor.FullName] = Admin,
        [Protos.V1.DirectoryService.Descriptor.FullName] = Admin,
        [Protos.V1.GdprService.Descriptor.FullName] = Gdpr,
        [Protos.V1.ProactiveService.Descriptor.FullName] = Proactive,
    };

    // Methods whose scope differs from their service's.
    private static readonly Dictionary<string, string> ByMethod = new(StringComparer.Ordinal)
    {
        [$"{Protos.V1.TriageService.Descriptor.FullName}/UploadModel"] = Admin,
        [$"{Protos.V1.TriageService.Descriptor.FullName}/SetReferencePatterns"] = Admin,
        [$"{Protos.V1.TriageService.Descriptor.FullName}/GetReferencePatterns"] = Admin,
    };

    // Services whose read-scoped methods an admin key may call too (TriageService.Classify: "admin or read").
    private static readonly HashSet<string> AdminReads = new(StringComparer.Ordinal) { Protos.V1.TriageService.Descriptor.FullName };

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>The scopes configured for a key (trimmed, lowercase), or <see cref="Default"/> when none are.</summary>
    public static IReadOnlySet<string> Of(IReadOnlyList<string>? configured) =>
        configured is { Count: > 0 }
            ? configured.Select(s => s.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
            : Default;

    /// <summary>
    /// The service a gRPC method belongs to and the scope it needs: "/grid.v1.KnowledgeService/CreateEntry" needs
    /// admin. Null scope for a service of no scope (none of Grid's): refused.
    /// </summary>
    public static (string Service, string? Scope) Required(string method)
    {
        var path = method.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        var service = (slash < 0 ? path : path[..slash]).ToString();
        return (service, ByMethod.GetValueOrDefault(path.ToString()) ?? ByService.GetValueOrDefault(service));
    }

    /// <summary>Whether <paramref name="identity"/> may call a method of <paramref name="service"/> needing <paramref name="scope"/>.</summary>
    public static bool Allows(IntegratorIdentity identity, string service, string scope) =>
        identity.Has(scope) || (scope == Read && AdminReads.Contains(service) && identity.Has(Admin));
}
