using System.Diagnostics;
using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Routing;

/// <summary>
/// Waiting conversations matched to agents by <see cref="RoutingPolicy"/>. The waiting list is durable in the
/// grid_queue_entry table, written by each conversation in the transaction of its transition; this grain keeps it in
/// memory, loads it on activation and re-reads it on a timer, so an enqueue call that was lost costs a delay, never a
/// customer. Offers, declines and agents' states are transient: offers expire and agents report again every half
/// minute. The queue's definition (offer timeout, overflow, sticky window) is sent by the tenant's
/// <see cref="IRoutingConfigGrain"/>, asked one-way on activation. This grain never awaits another grain: offers,
/// expiries, overflows and its requests for its definition are sent without waiting.
/// </summary>
internal sealed class QueueGrain(
    IWaitingListStore waitingLists,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan OverflowRetry = TimeSpan.FromSeconds(30);
    private const int RecentWaits = 50;

    private readonly Dictionary<string, RoutingPolicy.Waiting> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingOffer> offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentRouting> agents = new(StringComparer.Ordinal);
    private readonly Queue<TimeSpan> recentWaits = new();

    // Declined: never offered again to that agent while it waits here. Expired: not for the cooldown.
    private readonly Dictionary<string, HashSet<string>> declined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> expired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> overflowSent = new(StringComparer.Ordinal);
    private QueueDefinition? definition;
    private string tenant = "";
    private string queueName = "";

    private RoutingOptions Routing => options.Value.Routing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, queueName) = GridKeys.Split(this.GetPrimaryKeyString());
        Config().SendDefinitionAsync(queueName).Forget(logger, "Asking for the queue's definition");
        await ReloadAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        this.RegisterGrainTimer(ReloadAsync, new GrainTimerCreationOptions(Reload, Reload));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GridMetrics.QueueDepth.RemoveLabelled(tenant, queueName);
        GridMetrics.QueueLongestWaitSeconds.RemoveLabelled(tenant, queueName);
        return Task.CompletedTask;
    }

    public Task EnqueueAsync(QueueEntry entry)
    {
        // The entry may be known already: the queue's activation loads the waiting list, which the escalation wrote.
        if (waiting.TryAdd(entry.ConversationId, Wrap(entry)))
        {
            logger.LogDebug("Conversation {ConversationId} queued in {Queue}: {Reason}", entry.ConversationId, queueName, entry.Reason);
            Match();
        }
        else if (waiting.TryGetValue(entry.ConversationId, out var known) && known.Entry.Priority != entry.Priority)
        {
            // A missed deadline raised its priority: it keeps its age.
            waiting[entry.ConversationId] = known with { Entry = known.Entry with { Priority = entry.Priority, Reason = entry.Reason } };
            Match();
            return Task.CompletedTask;
        }

        if (waiting.ContainsKey(entry.ConversationId) && !offers.ContainsKey(entry.ConversationId))
        {
            // Not offered at once: the customer is told where they stand and, from recent waits, how long it may take.
            var position = Position(entry.ConversationId);
            Conversation(entry.ConversationId).NotifyQueuedAsync(position, ExpectedWait(position)).Forget(logger, "Telling the customer their place");
        }

        return Task.CompletedTask;
    }

    public Task<QueuePlace?> GetPlaceAsync(string conversationId)
    {
        if (!waiting.ContainsKey(conversationId))
        {
            return Task.FromResult<QueuePlace?>(null);
        }

        var position = Position(conversationId);
        return Task.FromResult<QueuePlace?>(new QueuePlace(position, ExpectedWait(position)));
    }

    public Task RemoveAsync(string conversationId)
    {
        if (waiting.TryGetValue(conversationId, out var left))
        {
            var waited = clock.GetUtcNow() - left.Entry.EnqueuedAt;
            GridMetrics.QueueWaitSeconds.Observe(Math.Max(0, waited.TotalSeconds));
            recentWaits.Enqueue(waited);
            while (recentWaits.Count > RecentWaits)
            {
                recentWaits.Dequeue();
            }
        }

        Drop(conversationId);
        Match();
        return Task.CompletedTask;
    }

    public Task DeclinedAsync(string conversationId, string agentId)
    {
        if (offers.TryGetValue(conversationId, out var offer) && offer.AgentId == agentId)
        {
            offers.Remove(conversationId);
        }

        if (!declined.TryGetValue(conversationId, out var by))
        {
            declined[conversationId] = by = new(StringComparer.Ordinal);
        }

        by.Add(agentId);
        Match();
        return Task.CompletedTask;
    }

    public Task UpdateAgentAsync(AgentRouting agent)
    {
        var before = agents.GetValueOrDefault(agent.AgentId);
        if (agent.Presence == AgentPresence.Offline)
        {
            agents.Remove(agent.AgentId);
        }
        else
        {
            agents[agent.AgentId] = agent;
        }

        if (agent.Presence == AgentPresence.Available && (before is null || before != agent))
        {
            Match();
        }

        return Task.CompletedTask;
    }

    public Task AgentLeftAsync(string agentId)
    {
        agents.Remove(agentId);

        // The desk is gone: its offers could not be accepted, so they go back now rather than at their deadline.
        foreach (var (conversationId, offer) in offers.Where(o => o.Value.AgentId == agentId).ToList())
        {
            offers.Remove(conversationId);
            Conversation(conversationId).OfferExpiredAsync(offer.AgentId, offer.OfferId).Forget(logger, "Taking back an offer of a disconnected agent");
        }

        Match();
        return Task.CompletedTask;
    }

    public Task ConfigureAsync(QueueDefinition? configured)
    {
        definition = configured;
        foreach (var (id, w) in waiting.ToList())
        {
            waiting[id] = Wrap(w.Entry);
        }

        Match();
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshotAsync() => Task.FromResult(new QueueSnapshot(
        [.. Ordered().Select(w => w.Entry)],
        offers.ToDictionary(o => o.Key, o => o.Value.AgentId),
        agents.Values.ToDictionary(a => a.AgentId, a => Enum.GetValues<Channel>().Max(a.Free))));

    public Task<QueueStats> GetStatsAsync()
    {
        var now = clock.GetUtcNow();
        var longest = waiting.Count == 0 ? TimeSpan.Zero : now - waiting.Values.Min(w => w.Entry.EnqueuedAt);
        var available = agents.Values.Count(a => a.Presence == AgentPresence.Available && Enum.GetValues<Channel>().Any(c => a.Free(c) > 0));
        return Task.FromResult(new QueueStats(queueName, waiting.Count, longest < TimeSpan.Zero ? TimeSpan.Zero : longest, available));
    }

    /// <summary>Makes the in-memory list match the table: adds what a lost call missed, drops what left.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stored = await waitingLists.ReadAsync(tenant, queueName);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in stored)
        {
            present.Add(entry.ConversationId);
            waiting.TryAdd(entry.ConversationId, Wrap(entry));
        }

        foreach (var gone in waiting.Keys.Where(id => !present.Contains(id)).ToList())
        {
            Drop(gone);
        }

        Match();
    }

    private Task TickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (conversationId, offer) in offers.Where(o => o.Value.Deadline <= now).ToList())
        {
            offers.Remove(conversationId);
            if (!expired.TryGetValue(conversationId, out var by))
            {
                expired[conversationId] = by = new(StringComparer.Ordinal);
            }

            by[offer.AgentId] = now + Routing.DeclineCooldown;
            Conversation(conversationId).OfferExpiredAsync(offer.AgentId, offer.OfferId).Forget(logger, "Expiring an offer");
        }

        Overflow(now);

        // Every second, not only on changes: waiting raises a conversation's score and sticky windows end.
        Match();
        GridMetrics.QueueDepth.WithLabels(tenant, queueName).Set(waiting.Count);
        GridMetrics.QueueLongestWaitSeconds.WithLabels(tenant, queueName).Set(
            waiting.Count == 0 ? 0 : Math.Max(0, (now - waiting.Values.Min(w => w.Entry.EnqueuedAt)).TotalSeconds));
        return Task.CompletedTask;
    }

    /// <summary>Sends the conversations that waited too long to the overflow queue, through their grain (journaled there).</summary>
    private void Overflow(DateTimeOffset now)
    {
        if (definition is not { OverflowQueue: { } target } || target == queueName)
        {
            return;
        }

        var dropped = definition.OverflowDropsSkills ?? [];
        foreach (var entry in RoutingPolicy.Overflowing(waiting.Values, definition, PendingView(), now))
        {
            if (overflowSent.TryGetValue(entry.ConversationId, out var sent) && now - sent < OverflowRetry)
            {
                continue; // on its way (the next re-read of the table drops it); sent again if it is still here
            }

            overflowSent[entry.ConversationId] = now;
            logger.LogInformation("Conversation {ConversationId} overflows from {Queue} to {Target}", entry.ConversationId, queueName, target);
            Conversation(entry.ConversationId).OverflowAsync(queueName, target, dropped).Forget(logger, "Moving a conversation to the overflow queue");
        }
    }

    /// <summary>Offers what it can now (<see cref="RoutingPolicy.Choose"/>); each offer is sent without awaiting.</summary>
    private void Match()
    {
        if (waiting.Count <= offers.Count)
        {
            return;
        }

        // Nobody with room: no need to order the waiting list (the usual case of a long queue).
        var offered = offers.Values.CountBy(o => o.AgentId).ToDictionary(StringComparer.Ordinal);
        if (!agents.Values.Any(a => a.Presence == AgentPresence.Available && a.MaxTotal - a.Load.Values.Sum() - offered.GetValueOrDefault(a.AgentId) > 0))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var chosen = RoutingPolicy.Choose(RoutingPolicy.InOrder(waiting.Values, now, Routing.Weights), agents.Values, PendingView(), (c, a) => Excluded(c, a, now), definition?.StickyWindow ?? TimeSpan.Zero, now);
        GridMetrics.RoutingDecisionSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        var timeout = definition?.OfferTimeout ?? Routing.OfferTimeout;
        foreach (var choice in chosen)
        {
            var offer = new PendingOffer(choice.AgentId, Guid.NewGuid().ToString("N"), now + timeout, choice.Channel);
            offers[choice.ConversationId] = offer;
            Conversation(choice.ConversationId).OfferAsync(choice.AgentId, offer.OfferId, offer.Deadline).Forget(logger, "Offering a conversation");
        }
    }

    /// <summary>
    /// The entry with its requirements; one that names no skill (escalated before the queue had a definition, transferred
    /// in from another queue) needs the queue's own.
    /// </summary>
    private RoutingPolicy.Waiting Wrap(QueueEntry entry)
    {
        var w = RoutingPolicy.Waiting.Of(entry);
        return w.Needs.Skills.Count == 0 && definition is { Skills.Count: > 0 } d
            ? new RoutingPolicy.Waiting(entry, w.Needs with { Skills = d.Skills.ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal) })
            : w;
    }

    private bool Excluded(string conversationId, string agentId, DateTimeOffset now) =>
        overflowSent.ContainsKey(conversationId)
        || (declined.TryGetValue(conversationId, out var by) && by.Contains(agentId))
        || (expired.TryGetValue(conversationId, out var until) && until.TryGetValue(agentId, out var end) && end > now);

    private Dictionary<string, (string AgentId, Channel Channel)> PendingView() =>
        offers.ToDictionary(o => o.Key, o => (o.Value.AgentId, o.Value.Channel), StringComparer.Ordinal);

    private void Drop(string conversationId)
    {
        waiting.Remove(conversationId);
        offers.Remove(conversationId);
        declined.Remove(conversationId);
        expired.Remove(conversationId);
        overflowSent.Remove(conversationId);
    }

    private List<RoutingPolicy.Waiting> Ordered(DateTimeOffset? at = null) =>
        RoutingPolicy.Order(waiting.Values, at ?? clock.GetUtcNow(), Routing.Weights);

    private int Position(string conversationId) =>
        RoutingPolicy.Position(waiting.Values, conversationId, clock.GetUtcNow(), Routing.Weights);

    private IConversationGrain Conversation(string conversationId) =>
        GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));

    private IRoutingConfigGrain Config() => GrainFactory.GetGrain<IRoutingConfigGrain>(tenant);

    /// <summary>
    /// The median of the latest waits (enqueued to taken) times the position, or null before any wait was seen on this
    /// activation: an estimate from recent handling times, not a constant.
    /// </summary>
    private TimeSpan? ExpectedWait(int position)
    {
        if (recentWaits.Count == 0)
        {
            return null;
        }

        var sorted = recentWaits.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return TimeSpan.FromTicks(Math.Min(median.Ticks * position, TimeSpan.FromHours(48).Ticks));
    }

    private sealed record PendingOffer(string AgentId, string OfferId, DateTimeOffset Deadline, Channel Channel);
}
