using System.Security.Cryptography;
using System.Text;

namespace Grid.Proactive;

/// <summary>
/// A push to one customer at a given time (ProactiveService.SchedulePush, documented in proactive.proto): a callback, an
/// appointment reminder or a follow-up, with its templates per language and their variables, the channel policy and
/// quiet hours as an incident's, and the idempotency key that makes a retried call schedule once.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ScheduledPushDefinition")]
public sealed record ScheduledPushDefinition(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] IReadOnlyDictionary<string, string> Templates,
    [property: Id(4)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(5)] IReadOnlyList<ChannelRoute> Channels,
    [property: Id(6)] bool Urgent,
    [property: Id(7)] string? FallbackLanguage,
    [property: Id(8)] PushQuietHours? Quiet,
    [property: Id(9)] string? DefaultTimeZone,
    [property: Id(10)] string IdempotencyKey);

/// <summary>A scheduled push and where it stands (see <see cref="ScheduledPushStatuses"/>).</summary>
[GenerateSerializer, Immutable, Alias("grid.ScheduledPushView")]
public sealed record ScheduledPushView(
    [property: Id(0)] string PushId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Kind,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] string Status,
    [property: Id(5)] string? Reason,
    [property: Id(6)] Channel Channel,
    [property: Id(7)] string? OutboundId,
    [property: Id(8)] DateTimeOffset? SentAt,
    [property: Id(9)] DateTimeOffset? DeferredUntil,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] bool Urgent,
    [property: Id(12)] bool Created);

/// <summary>The kinds of scheduled pushes.</summary>
public static class ScheduledPushKinds
{
    public const string Callback = "callback";
    public const string AppointmentReminder = "appointment-reminder";
    public const string FollowUp = "follow-up";

    public static readonly IReadOnlyList<string> All = [Callback, AppointmentReminder, FollowUp];
}

/// <summary>Where a scheduled push stands: waiting (scheduled, deferred) or final (sent, skipped, cancelled, failed).</summary>
public static class ScheduledPushStatuses
{
    public const string Scheduled = "scheduled";
    public const string Deferred = "deferred";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static bool IsWaiting(string status) => status is Scheduled or Deferred;
}

/// <summary>
/// A scheduled push's id: "sch_" and 24 hex digits of the SHA-256 of the customer id and the idempotency key, so a
/// retried call names the same grain without any lookup. Pushes share the incidents' path into conversations, where the
/// prefix tells them apart (<see cref="IsScheduled"/>).
/// </summary>
public static class ScheduledPushIds
{
    public const string Prefix = "sch_";

    public static string For(string customerId, string idempotencyKey) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(customerId + "\u001f" + idempotencyKey)))[..24];

    public static bool IsValid(string? id) =>
        id is { Length: 28 } && IsScheduled(id) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;

    public static bool IsScheduled(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);
}
