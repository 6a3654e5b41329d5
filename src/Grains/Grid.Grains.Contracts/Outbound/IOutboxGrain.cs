namespace Grid;

/// <summary>
/// The durable outbox of one integrator of a tenant (key tenant/integrator). Rows are written in the same
/// transaction as the journal entry they carry; this grain reads them, pushes hints to edge observers and
/// records acknowledgements. Delivery is at-least-once.
/// </summary>
[Alias("grid.IOutboxGrain")]
public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Unacknowledged messages after <paramref name="afterCursor"/>, oldest first, leased or not: a read for readers that
    /// each see every row (the web chat's delivery on every edge); outbound streams use <see cref="LeaseAsync"/>.
    /// </summary>
    [Alias("GetPendingAsync")]
    Task<IReadOnlyList<OutboundMessage>> GetPendingAsync(long afterCursor, int limit);

    /// <summary>
    /// Leases up to <paramref name="limit"/> pending messages, oldest first, to the stream <paramref name="consumer"/> (a
    /// unique id per stream): competing consumers, each message to one stream at a time, across every edge. Takes a token of
    /// the integrator channel's rate limit per message; dead-letters what was sent Grid:Outbound:MaxAttempts times or is too
    /// old. Leases live in this activation only: after a silo failure every pending message is offered again.
    /// </summary>
    [Alias("LeaseAsync")]
    Task<OutboxLease> LeaseAsync(string consumer, int limit);

    /// <summary>
    /// Ends a stream's leases (the stream closed): its messages are offered again at once. <paramref name="unsent"/> were
    /// leased but never written to the stream: their send is not counted.
    /// </summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string consumer, IReadOnlyList<string> unsent);

    /// <summary>Acknowledges delivered messages; returns how many were pending. Unknown ids are ignored.</summary>
    [Alias("AckAsync")]
    Task<int> AckAsync(IReadOnlyList<string> outboundIds);

    /// <summary>Registers (or refreshes) an edge observer; it expires unless refreshed.</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IOutboxObserver observer);

    /// <summary>Removes an edge observer.</summary>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IOutboxObserver observer);

    /// <summary>A hint that committed messages are waiting. May be lost: edges also poll.</summary>
    [OneWay]
    [Alias("NotifyAsync")]
    Task NotifyAsync(IReadOnlyList<OutboundMessage> messages);

    /// <summary>
    /// Takes pending messages out of delivery as dead letters (too many attempts, too old): they stop being sent and are
    /// listed by <see cref="ListDeadLettersAsync"/> until retried or discarded. Returns how many were still pending.
    /// </summary>
    [Alias("DeadLetterAsync")]
    Task<int> DeadLetterAsync(IReadOnlyList<DeadLetterRequest> letters);

    /// <summary>The integrator's dead letters, oldest first, after a cursor.</summary>
    [Alias("ListDeadLettersAsync")]
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(long afterCursor, int limit);

    /// <summary>Puts dead letters back into delivery (their streams send them again at once); returns how many.</summary>
    [Alias("RetryDeadLettersAsync")]
    Task<int> RetryDeadLettersAsync(IReadOnlyList<string> outboundIds);

    /// <summary>Drops dead letters for good (never sent again); returns how many.</summary>
    [Alias("DiscardDeadLettersAsync")]
    Task<int> DiscardDeadLettersAsync(IReadOnlyList<string> outboundIds);
}

/// <summary>A pending message to dead-letter, why ("max-attempts", "too-old") and after how many sends.</summary>
[GenerateSerializer, Immutable, Alias("grid.DeadLetterRequest")]
public sealed record DeadLetterRequest(
    [property: Id(0)] string OutboundId,
    [property: Id(1)] string Reason,
    [property: Id(2)] int Attempts);

/// <summary>A message taken out of delivery: the message, why, after how many sends, when.</summary>
[GenerateSerializer, Immutable, Alias("grid.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] OutboundMessage Message,
    [property: Id(1)] string Reason,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset DeadAt);
