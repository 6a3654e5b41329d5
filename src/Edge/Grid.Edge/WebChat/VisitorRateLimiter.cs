using System.Threading.RateLimiting;

namespace Grid.Edge.WebChat;

/// <summary>
/// The web chat's token buckets (System.Threading.RateLimiting): one per visitor and one per client IP address of each
/// widget, sized by the widget's <see cref="WidgetRateLimits"/>. Idle buckets are dropped by the limiter.
/// </summary>
public sealed class VisitorRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(Widget Widget, string Key, bool Ip)> limiter = PartitionedRateLimiter.Create<(Widget Widget, string Key, bool Ip), string>(
        request => RateLimitPartition.GetTokenBucketLimiter($"{request.Widget.Name}|{(request.Ip ? "ip" : "v")}|{request.Key}", _ => Bucket(request.Widget.RateLimits, request.Ip)));

    /// <summary>Takes one token from the visitor's bucket and one from their address's; null when both had one, else which was empty.</summary>
    public string? TryAcquire(VisitorSession session)
    {
        using var visitor = limiter.AttemptAcquire((session.Widget, session.VisitorId, false));
        if (!visitor.IsAcquired)
        {
            return "visitor";
        }

        if (session.RemoteIp is { } ip)
        {
            using var address = limiter.AttemptAcquire((session.Widget, ip.ToString(), true));
            if (!address.IsAcquired)
            {
                return "address";
            }
        }

        return null;
    }

    public void Dispose() => limiter.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(WidgetRateLimits limits, bool ip)
    {
        var (perMinute, burst) = ip ? (limits.IpPerMinute, limits.IpBurst) : (limits.VisitorPerMinute, limits.VisitorBurst);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
