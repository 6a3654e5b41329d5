using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grid.Edge.Auth;

/// <summary>
/// The edge's per-caller limits (<see cref="RateLimitOptions"/>): a token bucket per API key for gRPC calls (so a key
/// that is abused or misbehaves does not spend its integrator's other keys' budget), one per
/// agent connection for hub calls (System.Threading.RateLimiting, the limiter ASP.NET Core's middleware uses), and
/// counts of open outbound streams per integrator and hub connections per agent.
/// </summary>
public sealed class CallRateLimits(IOptions<EdgeOptions> options) : IDisposable
{
    private readonly RateLimitOptions limits = options.Value.RateLimits;
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    private readonly PartitionedRateLimiter<string> integrators = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetTokenBucketLimiter(name, _ => Bucket(options.Value.RateLimits.IntegratorPerSecond, options.Value.RateLimits.IntegratorBurst)));

    public RateLimitOptions Limits => limits;

    /// <summary>Takes one call of a key's budget (its bucket from <see cref="ApiKeyAuthenticator"/>); false with how long to wait when it is spent.</summary>
    public bool TryKeyCall(string bucket, out TimeSpan retryAfter) => TryAcquire(integrators.AttemptAcquire(bucket), out retryAfter);

    /// <summary>A bucket for one agent connection (disposed with it).</summary>
    public RateLimiter NewAgentBucket() => new TokenBucketRateLimiter(Bucket(limits.AgentPerSecond, limits.AgentBurst));

    public static bool TryAcquire(RateLimitLease lease, out TimeSpan retryAfter)
    {
        using (lease)
        {
            retryAfter = lease.IsAcquired ? TimeSpan.Zero
                : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMilliseconds(100);
            return lease.IsAcquired;
        }
    }

    /// <summary>Counts one more open stream or connection under <paramref name="key"/>; false (and nothing counted) beyond <paramref name="max"/>.</summary>
    public bool TryOpen(string key, int max)
    {
        while (true)
        {
            var count = open.GetOrAdd(key, 0);
            if (count >= max)
            {
                return false;
            }

            if (open.TryUpdate(key, count + 1, count))
            {
                return true;
            }
        }
    }

    public void Close(string key) => open.AddOrUpdate(key, 0, (_, count) => Math.Max(0, count - 1));

    public void Dispose() => integrators.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
