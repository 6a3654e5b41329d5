namespace Grid.Privacy;

/// <summary>
/// One line of a tenant's audit log: who (an integrator's name, "retention" for scheduled purges; never a key), what (an
/// action: "gdpr.erase", "grid.v1.KnowledgeService/CreateEntry"…), when, the ids it concerned and its details (counts,
/// versions, a reason). Never personal data: ids and numbers, and a reason the caller is told must not hold any.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] IReadOnlyList<string> Targets,
    [property: Id(5)] IReadOnlyDictionary<string, string> Details);

/// <summary>
/// A page request of the audit log, newest first: records with an id below <see cref="BeforeId"/> (0: from the newest),
/// optionally only one action, actor or target id, and a time range [Since, Until).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] long BeforeId,
    [property: Id(1)] int Limit,
    [property: Id(2)] string? Action = null,
    [property: Id(3)] string? Actor = null,
    [property: Id(4)] string? Target = null,
    [property: Id(5)] DateTimeOffset? Since = null,
    [property: Id(6)] DateTimeOffset? Until = null);

/// <summary>A page of the audit log and the id to ask the next page before (0: no more).</summary>
[GenerateSerializer, Immutable, Alias("grid.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditRecord> Records,
    [property: Id(1)] long NextBeforeId);
