using System.Threading.RateLimiting;
using Grid.Edge.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Grid.Edge.Agents;

/// <summary>
/// Agents' hub limits (<see cref="RateLimitOptions"/>): at most ConnectionsPerAgent open connections per agent on this
/// edge (a further one is closed at once), and a token bucket of calls per connection (a call beyond it is refused with
/// "rate_limited: … retry in N ms", nothing done). The web chat's hub has its own limits per visitor and address.
/// </summary>
public sealed class AgentRateLimitFilter(CallRateLimits limits) : IHubFilter
{
    private const string BucketKey = "grid.rate";
    private const string CountedKey = "grid.counted";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is AgentHub && invocationContext.Context.Items.TryGetValue(BucketKey, out var bucket) && bucket is RateLimiter limiter
            && !CallRateLimits.TryAcquire(limiter.AttemptAcquire(), out var retryAfter))
        {
            throw HubErrors.Of("rate_limited", $"too many calls on this connection (Grid:RateLimits:AgentPerSecond); retry in {(long)Math.Ceiling(retryAfter.TotalMilliseconds)} ms.");
        }

        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub is AgentHub && AgentPrincipal.From(context.Context.User) is { } principal)
        {
            var agent = principal.Tenant + "/" + principal.AgentId;
            if (!limits.TryOpen("agent:" + agent, limits.Limits.ConnectionsPerAgent))
            {
                throw new HubException($"rate_limited: this agent already holds {limits.Limits.ConnectionsPerAgent} connections (Grid:RateLimits:ConnectionsPerAgent); close one.");
            }

            context.Context.Items[CountedKey] = "agent:" + agent;
            context.Context.Items[BucketKey] = limits.NewAgentBucket();
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.TryGetValue(CountedKey, out var counted) && counted is string key)
            {
                limits.Close(key);
            }

            if (context.Context.Items.TryGetValue(BucketKey, out var bucket) && bucket is RateLimiter limiter)
            {
                limiter.Dispose();
            }
        }
    }
}
