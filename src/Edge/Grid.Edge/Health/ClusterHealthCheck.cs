using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grid.Edge.Health;

/// <summary>
/// Ready when the cluster answers and both its stores take a write: <see cref="IHealthProbeGrain"/> writes grain state
/// and a row of the journal's database (so a database that is down or a full disk makes the process not ready). The
/// answer is kept for <see cref="CacheFor"/>, so probes every second cost one write per process, not one per request.
/// </summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>This process's probe grain: one per process, so probes of several edges do not queue on one grain.</summary>
    private readonly string probeKey = $"_health/{Environment.MachineName}/{Environment.ProcessId}";

    private readonly SemaphoreSlim gate = new(1, 1);
    private HealthCheckResult last;
    private long lastAt = long.MinValue;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh())
        {
            return last;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh())
            {
                return last;
            }

            try
            {
                await grains.GetGrain<IHealthProbeGrain>(probeKey).ProbeAsync().WaitAsync(Timeout, cancellationToken);
                last = HealthCheckResult.Healthy("cluster and storage take writes");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = HealthCheckResult.Unhealthy("cluster or storage unavailable", ex);
            }

            lastAt = Stopwatch.GetTimestamp();
            return last;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool Fresh() => lastAt != long.MinValue && Stopwatch.GetElapsedTime(lastAt) < CacheFor;
}
