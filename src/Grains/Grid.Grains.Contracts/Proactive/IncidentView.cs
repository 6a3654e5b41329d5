namespace Grid.Proactive;

/// <summary>
/// Where the fan-out of one incident message stands. <see cref="Targeted"/> counts the customers handled so far (each
/// lands in exactly one of queued, sent, delivered, deferred, skipped or failed); <see cref="Done"/> says the whole
/// audience was gone through.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.MessageProgress")]
public sealed record MessageProgress(
    [property: Id(0)] int No,
    [property: Id(1)] string Kind,
    [property: Id(2)] bool Done,
    [property: Id(3)] int Targeted,
    [property: Id(4)] int Queued,
    [property: Id(5)] int Sent,
    [property: Id(6)] int Delivered,
    [property: Id(7)] int Deferred,
    [property: Id(8)] int Failed,
    [property: Id(9)] IReadOnlyDictionary<string, int> Skipped);

/// <summary>An incident as integrators read it: its definition's essentials, its messages' progress and the inbound wave it deflected.</summary>
[GenerateSerializer, Immutable, Alias("grid.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string DedupeKey,
    [property: Id(2)] string Title,
    [property: Id(3)] string Status,
    [property: Id(4)] string Audience,
    [property: Id(5)] bool Urgent,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] IReadOnlyList<MessageProgress> Messages,
    [property: Id(9)] int Deflected,
    [property: Id(10)] int Escalated,
    [property: Id(11)] int AudienceSize,
    [property: Id(12)] bool Created);

/// <summary>What the tenant's registry keeps of an incident: for lists, and for the bot's answers while it is open.</summary>
[GenerateSerializer, Immutable, Alias("grid.IncidentSummary")]
public sealed record IncidentSummary(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Status,
    [property: Id(3)] string Audience,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] IReadOnlyDictionary<string, string> LatestTexts,
    [property: Id(6)] string DefaultLanguage);

/// <summary>An audience's size and the first customers of it (by id).</summary>
[GenerateSerializer, Immutable, Alias("grid.AudiencePreview")]
public sealed record AudiencePreview(
    [property: Id(0)] int Size,
    [property: Id(1)] IReadOnlyList<string> Sample);
