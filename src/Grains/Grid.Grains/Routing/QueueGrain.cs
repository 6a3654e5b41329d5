using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Routing;

/// <summary>
/// Waiting conversations (priority, then age) matched to agents with free slots. The waiting list is durable in
/// the grid_queue_entry table, written by each conversation in the transaction of its transition; this grain
/// keeps it in memory, loads it on activation and re-reads it on a timer, so an enqueue call that was lost
/// costs a delay, never a customer. Offers, skips and agents' free slots are transient: offers expire and
/// agents report their slots again every half minute. Offers are sent without awaiting the conversation, so
/// this grain never waits on another grain.
/// </summary>
internal sealed class QueueGrain(
    IWaitingListStore waitingLists,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, QueueEntry> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingOffer> offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> freeSlots = new(StringComparer.Ordinal);
    private const int RecentWaits = 50;
    private readonly Queue<TimeSpan> recentWaits = new();
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> skips = new(StringComparer.Ordinal);
    private string tenant = "";
    private string queueName = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, queueName) = GridKeys.Split(this.GetPrimaryKeyString());
        await ReloadAsync(cancellationToken);
        this.RegisterGrainTimer(ExpireOffersAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        this.RegisterGrainTimer(ReloadAsync, new GrainTimerCreationOptions(Reload, Reload));
    }

    public Task EnqueueAsync(QueueEntry entry)
    {
        // The entry may be known already: the queue's activation loads the waiting list, which the escalation wrote.
        if (waiting.TryAdd(entry.ConversationId, entry))
        {
            logger.LogDebug("Conversation {ConversationId} queued in {Queue}: {Reason}", entry.ConversationId, queueName, entry.Reason);
            Match();
        }
        else if (waiting.TryGetValue(entry.ConversationId, out var known) && known.Priority != entry.Priority)
        {
            // A missed deadline raised its priority: it keeps its age.
            waiting[entry.ConversationId] = known with { Priority = entry.Priority, Reason = entry.Reason };
            Match();
            return Task.CompletedTask;
        }

        if (waiting.ContainsKey(entry.ConversationId) && !offers.ContainsKey(entry.ConversationId))
        {
            // Not offered at once: the customer is told where they stand and, from recent waits, how long it may take.
            var position = Ordered().TakeWhile(w => w.ConversationId != entry.ConversationId).Count() + 1;
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

        var position = Ordered().TakeWhile(w => w.ConversationId != conversationId).Count() + 1;
        return Task.FromResult<QueuePlace?>(new QueuePlace(position, ExpectedWait(position)));
    }

    public Task RemoveAsync(string conversationId)
    {
        if (waiting.TryGetValue(conversationId, out var left))
        {
            recentWaits.Enqueue(clock.GetUtcNow() - left.EnqueuedAt);
            while (recentWaits.Count > RecentWaits)
            {
                recentWaits.Dequeue();
            }
        }

        waiting.Remove(conversationId);
        offers.Remove(conversationId);
        skips.Remove(conversationId);
        Match();
        return Task.CompletedTask;
    }

    public Task DeclinedAsync(string conversationId, string agentId)
    {
        if (offers.TryGetValue(conversationId, out var offer) && offer.AgentId == agentId)
        {
            offers.Remove(conversationId);
        }

        Skip(conversationId, agentId);
        Match();
        return Task.CompletedTask;
    }

    public Task UpdateAgentAsync(string agentId, int slots)
    {
        var known = freeSlots.GetValueOrDefault(agentId);
        if (slots <= 0)
        {
            freeSlots.Remove(agentId);
        }
        else
        {
            freeSlots[agentId] = slots;
        }

        if (slots > known)
        {
            Match();
        }

        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshotAsync() => Task.FromResult(new QueueSnapshot(
        [.. Ordered()],
        offers.ToDictionary(o => o.Key, o => o.Value.AgentId),
        new Dictionary<string, int>(freeSlots)));

    /// <summary>Makes the in-memory list match the table: adds what a lost call missed, drops what left.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stored = await waitingLists.ReadAsync(tenant, queueName);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in stored)
        {
            present.Add(entry.ConversationId);
            waiting.TryAdd(entry.ConversationId, entry);
        }

        foreach (var gone in waiting.Keys.Where(id => !present.Contains(id)).ToList())
        {
            waiting.Remove(gone);
            offers.Remove(gone);
            skips.Remove(gone);
        }

        Match();
    }

    private Task ExpireOffersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = offers.Where(o => o.Value.Deadline <= now).ToList();
        foreach (var (conversationId, offer) in expired)
        {
            offers.Remove(conversationId);
            Skip(conversationId, offer.AgentId);
            Conversation(conversationId).OfferExpiredAsync(offer.AgentId, offer.OfferId).Forget(logger, "Expiring an offer");
        }

        if (expired.Count > 0)
        {
            Match();
        }

        return Task.CompletedTask;
    }

    /// <summary>Offers every waiting conversation it can to the agent with the most free slots.</summary>
    private void Match()
    {
        if (freeSlots.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var outstanding = offers.Values.GroupBy(o => o.AgentId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var entry in Ordered())
        {
            if (offers.ContainsKey(entry.ConversationId))
            {
                continue;
            }

            var skipped = skips.GetValueOrDefault(entry.ConversationId);
            string? agent = null;
            var best = 0;
            foreach (var (candidate, slots) in freeSlots)
            {
                var free = slots - outstanding.GetValueOrDefault(candidate);
                var isSkipped = skipped is not null && skipped.TryGetValue(candidate, out var until) && until > now;
                var allowed = entry.TargetAgent is null || entry.TargetAgent == candidate;
                if (free > 0 && allowed && !isSkipped && (free > best || (free == best && string.CompareOrdinal(candidate, agent) < 0)))
                {
                    (agent, best) = (candidate, free);
                }
            }

            if (agent is null)
            {
                continue;
            }

            var offer = new PendingOffer(agent, Guid.NewGuid().ToString("N"), now + options.Value.Routing.OfferTimeout);
            offers[entry.ConversationId] = offer;
            outstanding[agent] = outstanding.GetValueOrDefault(agent) + 1;
            Conversation(entry.ConversationId).OfferAsync(agent, offer.OfferId, offer.Deadline).Forget(logger, "Offering a conversation");
        }
    }

    private void Skip(string conversationId, string agentId)
    {
        if (!skips.TryGetValue(conversationId, out var skipped))
        {
            skips[conversationId] = skipped = new(StringComparer.Ordinal);
        }

        skipped[agentId] = clock.GetUtcNow() + options.Value.Routing.DeclineCooldown;
    }

    private IEnumerable<QueueEntry> Ordered() =>
        waiting.Values.OrderByDescending(w => w.Priority).ThenBy(w => w.EnqueuedAt);

    private IConversationGrain Conversation(string conversationId) =>
        GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));

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

    private sealed record PendingOffer(string AgentId, string OfferId, DateTimeOffset Deadline);
}
