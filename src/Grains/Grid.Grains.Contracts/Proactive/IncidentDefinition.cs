namespace Grid.Proactive;

/// <summary>A channel an incident may use and the integrator whose outbox takes its messages.</summary>
[GenerateSerializer, Immutable, Alias("grid.ChannelRoute")]
public sealed record ChannelRoute(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] string Integrator);

/// <summary>
/// Quiet hours: a window of local time (minutes after midnight, <see cref="StartMinute"/> to <see cref="EndMinute"/>,
/// crossing midnight when the start is after the end) in which non-urgent pushes wait for its end.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.PushQuietHours")]
public sealed record PushQuietHours(
    [property: Id(0)] int StartMinute,
    [property: Id(1)] int EndMinute);

/// <summary>
/// What an integrator opens an incident with (ProactiveService.OpenIncident, documented in proactive.proto): the alert
/// (its dedupe key and payload), who is affected (an audience expression over customer tags), the first message's
/// templates per language with their variables, the channels in order of preference with their integrators, quiet hours
/// and the urgent flag that ignores them, and the first message's action (a link in the push), if any.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.IncidentDefinition")]
public sealed record IncidentDefinition(
    [property: Id(0)] string DedupeKey,
    [property: Id(1)] string Title,
    [property: Id(2)] string AlertPayload,
    [property: Id(3)] string Audience,
    [property: Id(4)] IReadOnlyDictionary<string, string> Templates,
    [property: Id(5)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(6)] IReadOnlyList<ChannelRoute> Channels,
    [property: Id(7)] bool Urgent,
    [property: Id(8)] string? FallbackLanguage,
    [property: Id(9)] PushQuietHours? Quiet,
    [property: Id(10)] string? DefaultTimeZone,
    [property: Id(11)] PushAction? Action = null);

/// <summary>One message of an incident to its audience (the opening, an update, the resolution), with its action, if any.</summary>
[GenerateSerializer, Immutable, Alias("grid.IncidentMessage")]
public sealed record IncidentMessage(
    [property: Id(0)] int No,
    [property: Id(1)] string Kind,
    [property: Id(2)] IReadOnlyDictionary<string, string> Templates,
    [property: Id(3)] bool OnlyContacted,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? UpdateId,
    [property: Id(6)] PushAction? Action = null);

/// <summary>The kinds of incident messages.</summary>
public static class IncidentMessageKinds
{
    public const string Opened = "opened";
    public const string Update = "update";
    public const string Resolved = "resolved";
}

/// <summary>The states of an incident.</summary>
public static class IncidentStatuses
{
    public const string Open = "open";
    public const string Resolved = "resolved";
    public const string Cancelled = "cancelled";
}
