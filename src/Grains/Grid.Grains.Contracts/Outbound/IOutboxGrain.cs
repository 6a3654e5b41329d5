namespace Grid;

/// <summary>
/// The durable outbox of one integrator of a tenant (key tenant/integrator). Rows are written in the same
/// transaction as the journal entry they carry; this grain reads them, pushes hints to edge observers and
/// records acknowledgements. Delivery is at-least-once.
/// </summary>
[Alias("grid.IOutboxGrain")]
public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>Unacknowledged messages after <paramref name="afterCursor"/>, oldest first.</summary>
    [Alias("GetPendingAsync")]
    Task<IReadOnlyList<OutboundMessage>> GetPendingAsync(long afterCursor, int limit);

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
}
