using Grid.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Grid.Agents;

/// <summary>
/// An agent: presence, capacity, assigned conversations and the edges holding the agent's connections.
/// Edges refresh their subscription on a timer; when none is left after the expiry the agent goes offline,
/// so a vanished desk stops receiving offers.
/// </summary>
internal sealed class AgentGrain : Grain, IAgentGrain
{
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private readonly IPersistentState<AgentState> state;
    private readonly ObserverManager<IAgentObserver> observers;
    private readonly IOptions<GridRuntimeOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<AgentGrain> logger;
    private string tenant = "";
    private string agentId = "";
    private DateTimeOffset lastObserverSeen;

    public AgentGrain(
        [PersistentState("agent", "grid")] IPersistentState<AgentState> state,
        IOptions<GridRuntimeOptions> options,
        TimeProvider clock,
        ILogger<AgentGrain> logger)
    {
        this.state = state;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        observers = new ObserverManager<IAgentObserver>(ObserverExpiry, logger);
    }

    private AgentState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, agentId) = GridKeys.Split(this.GetPrimaryKeyString());
        if (S.Capacity <= 0)
        {
            S.Capacity = options.Value.Routing.DefaultCapacity;
        }

        lastObserverSeen = clock.GetUtcNow();
        GridMetrics.Agents.WithLabels(Label(S.Presence)).Inc();
        this.RegisterGrainTimer(CheckObserversAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        if (S.Presence == AgentPresence.Available)
        {
            // After a silo failure the queues may have lost this agent's slots: report them again.
            await ReportAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GridMetrics.Agents.WithLabels(Label(S.Presence)).Dec();
        return Task.CompletedTask;
    }

    public async Task<AgentView> SetPresenceAsync(AgentPresence presence, string displayName)
    {
        var changed = S.Presence != presence;
        if (changed || S.DisplayName != displayName)
        {
            GridMetrics.Agents.WithLabels(Label(S.Presence)).Dec();
            GridMetrics.Agents.WithLabels(Label(presence)).Inc();
            S.Presence = presence;
            S.DisplayName = displayName;
            await state.WriteOrDeactivateAsync(this);
            logger.LogInformation("Agent {Tenant}/{AgentId} is {Presence}", tenant, agentId, presence);
        }

        await ReportAsync();
        var view = View();
        if (changed)
        {
            observers.Notify(o => o.OnAgentEvent(tenant, agentId, new AgentEvent(AgentEventKind.PresenceChanged, "", null, null, null, view)));
        }

        return view;
    }

    public Task<AgentView> GetAsync() => Task.FromResult(View());

    public Task SubscribeAsync(IAgentObserver observer)
    {
        observers.Subscribe(observer, observer);
        lastObserverSeen = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task UnsubscribeAsync(IAgentObserver observer)
    {
        observers.Unsubscribe(observer);
        if (observers.Count == 0 && S.Presence != AgentPresence.Offline)
        {
            // The last edge holding a connection of this agent let go: no desk is open, so no more offers.
            logger.LogInformation("Agent {Tenant}/{AgentId} closed their last connection: offline", tenant, agentId);
            await SetPresenceAsync(AgentPresence.Offline, S.DisplayName);
        }
    }

    public Task PushAsync(AgentEvent agentEvent)
    {
        observers.Notify(o => o.OnAgentEvent(tenant, agentId, agentEvent));
        return Task.CompletedTask;
    }

    public async Task AssignAsync(string conversationId)
    {
        if (!S.Conversations.Contains(conversationId))
        {
            S.Conversations.Add(conversationId);
            await state.WriteOrDeactivateAsync(this);
        }

        await ReportAsync();
    }

    public async Task ReleaseAsync(string conversationId)
    {
        if (S.Conversations.Remove(conversationId))
        {
            await state.WriteOrDeactivateAsync(this);
        }

        await ReportAsync();
    }

    private async Task CheckObserversAsync(CancellationToken cancellationToken)
    {
        observers.ClearExpired();
        if (observers.Count > 0)
        {
            lastObserverSeen = clock.GetUtcNow();

            // Queues keep agents' free slots in memory only: reporting again restores them after a queue restarts.
            await ReportAsync();
            return;
        }

        if (S.Presence != AgentPresence.Offline && clock.GetUtcNow() - lastObserverSeen > ObserverExpiry)
        {
            logger.LogInformation("Agent {Tenant}/{AgentId} has no live connection left: offline", tenant, agentId);
            await SetPresenceAsync(AgentPresence.Offline, S.DisplayName);
        }
    }

    private async Task ReportAsync()
    {
        var free = S.Presence == AgentPresence.Available ? Math.Max(0, S.Capacity - S.Conversations.Count) : 0;
        foreach (var queue in S.Queues)
        {
            await GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(tenant, queue)).UpdateAgentAsync(agentId, free);
        }
    }

    private AgentView View() => new(tenant, agentId, S.DisplayName, S.Presence, S.Capacity, [.. S.Conversations], [.. S.Queues]);

    private static string Label(AgentPresence presence) => presence.ToString().ToLowerInvariant();
}
