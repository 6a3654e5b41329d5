namespace Grid;

/// <summary>Implemented by each edge host holding integrators' outbound streams.</summary>
[Alias("grid.IOutboxObserver")]
public interface IOutboxObserver : IGrainObserver
{
    /// <summary>New outbound messages for the outbox <paramref name="outboxKey"/> (tenant/integrator).</summary>
    [Alias("OnOutbound")]
    void OnOutbound(string outboxKey, IReadOnlyList<OutboundMessage> messages);
}
