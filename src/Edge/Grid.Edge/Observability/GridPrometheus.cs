using Prometheus;

namespace Grid.Edge.Observability;

/// <summary>
/// What /metrics exports besides Grid's own <c>grid_*</c> families: prometheus-net's process metrics (<c>process_*</c>,
/// <c>dotnet_*</c>) and, through <see cref="MeterBridge"/>, Orleans' and the runtime's meters. prometheus-net's default
/// meter and event-counter adapters are off (they export every meter of the process, the runtime's
/// <c>private_internaldiagnostics_*</c> among them, with counters as gauges), and so are its debug metrics about itself
/// (one of which, a gauge, ends in <c>_total</c>).
/// </summary>
public static class GridPrometheus
{
    private static readonly Lazy<MeterBridge> Bridge = new(() =>
    {
        // Takes effect before the first collection only: called while the host is built, before any scrape.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });
        return new MeterBridge(Metrics.DefaultRegistry);
    });

    /// <summary>Configures the default registry once per process (idempotent).</summary>
    public static void Configure() => _ = Bridge.Value;
}
