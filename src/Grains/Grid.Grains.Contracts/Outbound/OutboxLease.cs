namespace Grid;

/// <summary>
/// Messages leased to one outbound stream (see <see cref="IOutboxGrain.LeaseAsync"/>): no other stream of the integrator
/// gets them until the lease ends (acknowledged, released, or expired after Grid:Outbound:RedeliverAfter).
/// <see cref="AskAgainAfter"/> says when asking again can give more (a lease expiring, a message's next send falling due, a
/// rate-limited channel's next token); null when nothing is waiting but new messages (the outbox grain hints those).
/// <see cref="Sends"/> gives, for each message in order, which send of it this is (1: the first).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.OutboxLease")]
public sealed record OutboxLease(
    [property: Id(0)] IReadOnlyList<OutboundMessage> Messages,
    [property: Id(1)] TimeSpan? AskAgainAfter,
    [property: Id(2)] IReadOnlyList<int> Sends);
