using Grid.Hosting;
using Grid.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Grid.Agents;

/// <summary>
/// An agent: presence with its reason, profile (skills, languages, capacity per channel, from the tenant's routing
/// configuration), assigned conversations with their channels, and the edges holding the agent's connections. It reports
/// its state to its queues on every change and every 30 seconds (queues keep it in memory only). When no edge holds a
/// connection any more the agent goes offline: the queues take back its pending offers at once, and a reminder puts the
/// conversations it holds back in their queue after Grid:Routing:DisconnectGrace unless it reconnects first.
/// </summary>
internal sealed partial class AgentGrain : Grain, IAgentGrain, IRemindable
{
    // At most this many offers are remembered for a new connection (GetOffersAsync); more are only pushed.
    private const int MaxOffersKept = 200;

    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ConfigAge = TimeSpan.FromSeconds(5);

    /// <summary>Edges subscribe again every 45 s; a new activation waits this long before taking an empty list as "nobody connected".</summary>
    private static readonly TimeSpan ObserverRefresh = TimeSpan.FromSeconds(60);
    private const string RequeueReminder = "requeue";
    public const string DisconnectedReason = "disconnected";

    private readonly IPersistentState<AgentState> state;
    private readonly ObserverManager<IAgentObserver> observers;
    private readonly IOptions<GridRuntimeOptions> options;
    private readonly ITenantRouting routing;
    private readonly TimeProvider clock;
    private readonly ILogger<AgentGrain> logger;

    // Offers pushed and still outstanding as far as this activation heard (GetOffersAsync), by conversation.
    private readonly Dictionary<string, AgentEvent> offers = new(StringComparer.Ordinal);
    private string tenant = "";
    private string agentId = "";
    private DateTimeOffset lastObserverSeen;
    private DateTimeOffset activatedAt;
    private bool heardEdges;
    private AgentProfile? profile;
    private List<string> queues = ["default"];
    private (Dictionary<Channel, int> Load, Dictionary<Channel, int> Capacity)? counted;

    public AgentGrain(
        [PersistentState("agent", "grid")] IPersistentState<AgentState> state,
        IOptions<GridRuntimeOptions> options,
        ITenantRouting routing,
        TimeProvider clock,
        ILogger<AgentGrain> logger)
    {
        this.state = state;
        this.options = options;
        this.routing = routing;
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

        lastObserverSeen = activatedAt = clock.GetUtcNow();
        GridMetrics.Agents.WithLabels(Label(S.Presence)).Inc();
        this.RegisterGrainTimer(CheckObserversAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        await LoadProfileAsync();
        Count();
        if (S.Presence == AgentPresence.Available)
        {
            // After a silo failure the queues may have lost this agent's state: report it again.
            await ReportAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GridMetrics.Agents.WithLabels(Label(S.Presence)).Dec();
        Uncount();
        return Task.CompletedTask;
    }

    public Task<AgentView> SetPresenceAsync(AgentPresence presence, string displayName) =>
        SetStatusAsync(presence, null, displayName);

    public async Task<AgentView> SetStatusAsync(AgentPresence presence, string? reason, string displayName)
    {
        await LoadProfileAsync();
        var changed = S.Presence != presence || S.Reason != reason;
        if (changed || S.DisplayName != displayName)
        {
            GridMetrics.Agents.WithLabels(Label(S.Presence)).Dec();
            GridMetrics.Agents.WithLabels(Label(presence)).Inc();
            if (presence == AgentPresence.Available && S.Presence != AgentPresence.Available)
            {
                S.IdleSince = clock.GetUtcNow();
            }

            S.Presence = presence;
            S.Reason = reason;
            S.DisplayName = displayName;
            await state.WriteOrDeactivateAsync(this);
            Count();
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

    public async Task SubscribeAsync(IAgentObserver observer)
    {
        var first = observers.Count == 0;
        observers.Subscribe(observer, observer);
        lastObserverSeen = clock.GetUtcNow();
        heardEdges = true;
        if (first && S.DisconnectedAt is not null)
        {
            // Back within the grace period: the conversations stay with the agent.
            S.DisconnectedAt = null;
            await state.WriteOrDeactivateAsync(this);
            if (await this.GetReminder(RequeueReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            logger.LogInformation("Agent {Tenant}/{AgentId} reconnected within the grace period", tenant, agentId);
        }

        if (first)
        {
            await GrainFactory.GetGrain<IRoutingConfigGrain>(tenant).SeenAgentAsync(agentId);
        }
    }

    public async Task UnsubscribeAsync(IAgentObserver observer)
    {
        observers.Unsubscribe(observer);
        if (observers.Count == 0 && (S.Presence != AgentPresence.Offline || (S.Conversations.Count > 0 && S.DisconnectedAt is null)))
        {
            // The last edge holding a connection of this agent let go: no desk is open, so no more offers.
            logger.LogInformation("Agent {Tenant}/{AgentId} closed their last connection: offline", tenant, agentId);
            await GoneAsync();
        }
    }

    public Task PushAsync(AgentEvent agentEvent)
    {
        switch (agentEvent.Kind)
        {
            case AgentEventKind.Offer when offers.Count < MaxOffersKept || offers.ContainsKey(agentEvent.ConversationId):
                offers[agentEvent.ConversationId] = agentEvent;
                break;
            case AgentEventKind.OfferWithdrawn when offers.TryGetValue(agentEvent.ConversationId, out var offer) && offer.OfferId == agentEvent.OfferId:
                offers.Remove(agentEvent.ConversationId);
                break;
        }

        observers.Notify(o => o.OnAgentEvent(tenant, agentId, agentEvent));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentEvent>> GetOffersAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var gone in offers.Where(o => o.Value.Conversation?.OfferExpiresAt is { } deadline && deadline <= now).Select(o => o.Key).ToList())
        {
            offers.Remove(gone);
        }

        return Task.FromResult<IReadOnlyList<AgentEvent>>([.. offers.Values]);
    }

    public async Task AssignAsync(string conversationId, Channel channel)
    {
        offers.Remove(conversationId); // accepted
        if (!S.Conversations.Contains(conversationId) || S.Channels.GetValueOrDefault(conversationId) != channel)
        {
            if (!S.Conversations.Contains(conversationId))
            {
                S.Conversations.Add(conversationId);
            }

            S.Channels[conversationId] = channel;
            S.IdleSince = clock.GetUtcNow();
            await state.WriteOrDeactivateAsync(this);
            Count();
        }

        await ReportAsync();
    }

    public async Task ReleaseAsync(string conversationId)
    {
        offers.Remove(conversationId);
        if (S.Conversations.Remove(conversationId) | S.Channels.Remove(conversationId))
        {
            S.IdleSince = clock.GetUtcNow();
            await state.WriteOrDeactivateAsync(this);
            Count();
        }

        await ReportAsync();
    }

    /// <summary>Reads the agent's profile and the queues to report to (the tenant's copy on this silo, at most 5 s old).</summary>
    private async Task LoadProfileAsync()
    {
        var config = await routing.GetAsync(tenant, ConfigAge);
        var known = config.Agent(agentId);
        if (known != profile)
        {
            profile = known;
            Count();
        }

        var me = Routing();
        var fitting = config.Queues
            .Where(q => q.Skills.All(s => me.Skills.GetValueOrDefault(s.Skill) >= s.Level)
                && (q.Languages.Count == 0 || me.Languages.Count == 0 || q.Languages.Any(me.Languages.Contains)))
            .Select(q => q.Name);
        var now = S.Queues.Union(fitting, StringComparer.Ordinal).ToList();
        foreach (var left in queues.Except(now, StringComparer.Ordinal))
        {
            await Queue(left).AgentLeftAsync(agentId); // no longer fits: its offers there go back
        }

        queues = now;
    }

    private async Task ReportAsync()
    {
        var me = Routing();
        foreach (var queue in queues)
        {
            await Queue(queue).UpdateAgentAsync(me);
        }
    }

    private AgentRouting Routing()
    {
        var defaultCapacity = options.Value.Routing.DefaultCapacity;
        IReadOnlyDictionary<Channel, int> capacity = profile?.Capacity
            ?? Enum.GetValues<Channel>().Where(c => c != Channel.Unspecified).ToDictionary(c => c, _ => defaultCapacity);
        var maxTotal = profile is null ? S.Capacity : capacity.Values.Sum();
        return new AgentRouting(
            agentId,
            S.Presence,
            profile?.Skills.ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal) ?? new Dictionary<string, int>(),
            profile?.Languages ?? [],
            capacity,
            Load(),
            maxTotal,
            S.IdleSince);
    }

    private Dictionary<Channel, int> Load()
    {
        var load = new Dictionary<Channel, int>();
        foreach (var conversationId in S.Conversations)
        {
            // Conversations assigned before channels were recorded count as web chats.
            var channel = S.Channels.TryGetValue(conversationId, out var c) ? c : Channel.WebChat;
            load[channel] = load.GetValueOrDefault(channel) + 1;
        }

        return load;
    }

    private IQueueGrain Queue(string queue) => GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(tenant, queue));

    private AgentView View()
    {
        var me = Routing();
        return new AgentView(tenant, agentId, S.DisplayName.Length > 0 ? S.DisplayName : profile?.DisplayName ?? "", S.Presence, me.MaxTotal, [.. S.Conversations], [.. queues])
        {
            Reason = S.Reason,
            Load = me.Load,
            CapacityByChannel = me.Capacity,
            IdleSince = S.IdleSince,
        };
    }

    private static string Label(AgentPresence presence) => presence.ToString().ToLowerInvariant();
}
