using Grid.Edge.Agents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Shutdown;

/// <summary>
/// Graceful shutdown of the edge (docs/architecture.md, "Operations"). On SIGTERM: agents' connections are told
/// <c>Reconnect</c> (SignalR then closes them; their clients reconnect, through the balancer, elsewhere) and /readyz
/// answers 503; for Grid:Shutdown:ReadinessDelay calls are still served, so balancers take the process out first; then,
/// before any hosted service stops (the Orleans silo or client included), new gRPC calls and hub calls are refused with
/// UNAVAILABLE, outbound streams end with UNAVAILABLE (open again on another edge: everything unacknowledged is sent
/// again), and the calls in flight finish (at most Grid:Shutdown:DrainTimeout). Only then do Kestrel and Orleans stop:
/// the silo deactivates its grains and leaves the cluster.
/// </summary>
public sealed class EdgeDrain(IConfiguration configuration, IServiceProvider services, AgentConnections agents, IHostApplicationLifetime lifetime, ILogger<EdgeDrain> logger) : IHostedLifecycleService
{
    public const string Section = "Grid:Shutdown";

    /// <summary>The hub event that tells an agent's client to reconnect (to another edge) because this one is stopping.</summary>
    public const string ReconnectEvent = "Reconnect";

    private readonly CancellationTokenSource draining = new();
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private volatile bool notReady;

    /// <summary>How long /readyz says 503 before calls are refused.</summary>
    public TimeSpan ReadinessDelay { get; } = configuration.GetValue<TimeSpan?>($"{Section}:ReadinessDelay") ?? TimeSpan.Zero;

    /// <summary>How long the calls in flight get to finish.</summary>
    public TimeSpan DrainTimeout { get; } = configuration.GetValue<TimeSpan?>($"{Section}:DrainTimeout") ?? TimeSpan.FromSeconds(20);

    /// <summary>Cancelled when the edge stops taking calls: long calls (outbound streams) end on it.</summary>
    public CancellationToken Draining => draining.Token;

    /// <summary>Whether /readyz must say 503.</summary>
    public bool NotReady => notReady;

    /// <summary>Counts a call in; false once draining (the caller refuses the call with UNAVAILABLE).</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref inFlight);
        if (!draining.IsCancellationRequested)
        {
            return true;
        }

        Exit();
        return false;
    }

    /// <summary>Counts a call out.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref inFlight) == 0 && draining.IsCancellationRequested)
        {
            idle.TrySetResult();
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        notReady = true;
        logger.LogInformation("Shutting down: not ready; refusing new calls in {Delay}", ReadinessDelay);
        if (ReadinessDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadinessDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await draining.CancelAsync();
        if (Volatile.Read(ref inFlight) == 0)
        {
            idle.TrySetResult();
        }

        var drained = await Task.WhenAny(idle.Task, Task.Delay(DrainTimeout, cancellationToken)) == idle.Task;
        if (drained)
        {
            logger.LogInformation("Drained: no call in flight");
        }
        else
        {
            logger.LogWarning("{Count} calls still in flight after {Timeout} (Grid:Shutdown:DrainTimeout); stopping anyway", Volatile.Read(ref inFlight), DrainTimeout);
        }

        // Any agent connection still open is closed; clients reconnect (through the balancer, to another edge).
        agents.AbortAll();
    }

    /// <summary>Tells every agent connection to reconnect elsewhere.</summary>
    private async Task TellAgentsAsync()
    {
        if (services.GetService(typeof(IHubContext<AgentHub>)) is not IHubContext<AgentHub> hub)
        {
            return;
        }

        try
        {
            await hub.Clients.All.SendAsync(ReconnectEvent, "This Grid edge is shutting down: reconnect.");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogDebug(ex, "Telling agents to reconnect failed");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// SignalR closes every connection when the application starts stopping (SIGTERM), before any hosted service is
    /// stopped; callbacks run newest first, so this one, registered once started, tells the agents to reconnect before
    /// theirs closes the connections.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            notReady = true;
            if (!TellAgentsAsync().Wait(TimeSpan.FromSeconds(2)))
            {
                logger.LogWarning("Telling agents to reconnect took more than 2 s");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>/readyz says 503 once the process is shutting down (<see cref="EdgeDrain"/>).</summary>
public sealed class DrainHealthCheck(EdgeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.NotReady ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());
}

/// <summary>The open agent connections of this edge, so a shutdown can close them.</summary>
public sealed class AgentConnections
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HubCallerContext> open = new();

    public void Add(HubCallerContext context) => open[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => open.TryRemove(context.ConnectionId, out _);

    public void AbortAll()
    {
        foreach (var context in open.Values)
        {
            context.Abort();
        }
    }
}

/// <summary>Counts agents' hub calls in flight for <see cref="EdgeDrain"/>, and refuses new ones once draining.</summary>
public sealed class DrainHubFilter(EdgeDrain drain) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!drain.TryEnter())
        {
            throw new HubException("unavailable: this Grid edge is shutting down; reconnect and call again");
        }

        try
        {
            return await next(invocationContext);
        }
        finally
        {
            drain.Exit();
        }
    }
}

/// <summary>Registers <see cref="EdgeDrain"/> and sizes the host's shutdown to it.</summary>
public static class ShutdownExtensions
{
    /// <summary>What the silo gets, after the drain, to deactivate its grains and leave the cluster.</summary>
    public static readonly TimeSpan SiloStop = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddGridShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<AgentConnections>();
        services.TryAddSingleton<EdgeDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeDrain>());
        var readiness = configuration.GetValue<TimeSpan?>($"{EdgeDrain.Section}:ReadinessDelay") ?? TimeSpan.Zero;
        var drain = configuration.GetValue<TimeSpan?>($"{EdgeDrain.Section}:DrainTimeout") ?? TimeSpan.FromSeconds(20);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = readiness + drain + SiloStop);
        return services;
    }
}
