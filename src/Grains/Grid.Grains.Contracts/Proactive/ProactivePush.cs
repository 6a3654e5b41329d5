namespace Grid.Proactive;

/// <summary>
/// One incident message to one customer on one channel, as the incident grain hands it to the customer grain: it goes
/// into the customer's open conversation (or a new one) as an event linked to the incident, with its outbox row.
/// <see cref="IdempotencyKey"/> (incident, customer, message, channel) makes a replay after a crash a no-op. A scheduled
/// push takes the same path: <see cref="IncidentId"/> is then its id ("sch_…", <see cref="ScheduledPushIds"/>), message 1,
/// its kind as the message kind; <see cref="AuthorOf"/> and <see cref="IdempotencySource"/> tell the two apart.
/// <see cref="OutboundId"/>, when set, is the push's row already in the outbox (written by the incident's batch, see
/// <see cref="PushOutboundIds"/>): the conversation records the push under it and writes no second outbox row.
/// A push of a message with an action carries its link in <see cref="Text"/> (<c>ActionLinks.RenderPush</c>) and its expiry.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ProactivePush")]
public sealed record ProactivePush(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int MessageNo,
    [property: Id(2)] string MessageKind,
    [property: Id(3)] Channel Channel,
    [property: Id(4)] string Integrator,
    [property: Id(5)] string ToAddress,
    [property: Id(6)] string Text,
    [property: Id(7)] string Language,
    [property: Id(8)] string? OutboundId = null,
    [property: Id(9)] DateTimeOffset? LinkExpiresAt = null)
{
    public const string IdempotencySourcePrefix = "incident:";

    public const string ScheduledSourcePrefix = "scheduled:";

    public string IdempotencySource => AuthorOf(IncidentId);

    /// <summary>Who a push's entry and outbox row name as author: "incident:&lt;id&gt;", or "scheduled:&lt;id&gt;" for a scheduled push.</summary>
    public static string AuthorOf(string originId) =>
        (ScheduledPushIds.IsScheduled(originId) ? ScheduledSourcePrefix : IdempotencySourcePrefix) + originId;

    public string IdempotencyKey(string customerId) => $"{customerId}/{MessageNo}/{(int)Channel}";
}

/// <summary>Where a push went: its conversation, sequence number and outbound id; <see cref="Duplicate"/> for a replay.</summary>
[GenerateSerializer, Immutable, Alias("grid.PushResult")]
public sealed record PushResult(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] bool Duplicate)
{
    public string OutboundId => OutboundIds.Format(ConversationId, Seq);
}
