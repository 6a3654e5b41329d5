using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grid.Edge.Health;

/// <summary>
/// Ready when a grain call that reads grain storage answers: the cluster is reachable and its storage too.
/// </summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IIdentityGrain>("_health/phone/0").TryGetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("cluster and storage reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster or storage unreachable", ex);
        }
    }
}
