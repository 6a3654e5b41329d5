using Grid.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Routing;

/// <summary>
/// Waiting conversations (priority, then age) matched to agents with free slots. Offers are sent without
/// awaiting the conversation, so this grain never waits on another grain. A timer expires offers; a reminder
/// keeps the queue alive (and matching) while conversations wait, across restarts.
/// </summary>
internal sealed class QueueGrain(
    [PersistentState("queue", "grid")] IPersistentState<QueueState> state,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain, IRemindable
{
    private const string SweepReminder = "queue-sweep";

    private string tenant = "";
    private string queueName = "";

    private QueueState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, queueName) = GridKeys.Split(this.GetPrimaryKeyString());
        this.RegisterGrainTimer(ExpireOffersAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        return Task.CompletedTask;
    }

    public async Task EnqueueAsync(QueueEntry entry)
    {
        if (S.Waiting.Any(w => w.ConversationId == entry.ConversationId))
        {
            return;
        }

        S.Waiting.Add(entry);
        await this.RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        Match();
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Conversation {ConversationId} queued in {Queue}: {Reason}", entry.ConversationId, queueName, entry.Reason);
    }

    public async Task RemoveAsync(string conversationId)
    {
        var removed = S.Waiting.RemoveAll(w => w.ConversationId == conversationId) > 0;
        removed |= S.Offers.Remove(conversationId);
        removed |= S.Skips.Remove(conversationId);
        if (removed)
        {
            Match();
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public async Task DeclinedAsync(string conversationId, string agentId)
    {
        if (S.Offers.TryGetValue(conversationId, out var offer) && offer.AgentId == agentId)
        {
            S.Offers.Remove(conversationId);
        }

        Skip(conversationId, agentId);
        Match();
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task UpdateAgentAsync(string agentId, int freeSlots)
    {
        if (S.FreeSlots.TryGetValue(agentId, out var known) && known == freeSlots)
        {
            return;
        }

        if (freeSlots <= 0)
        {
            S.FreeSlots.Remove(agentId);
        }
        else
        {
            S.FreeSlots[agentId] = freeSlots;
        }

        Match();
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<QueueSnapshot> GetSnapshotAsync() => Task.FromResult(new QueueSnapshot(
        [.. Ordered()],
        S.Offers.ToDictionary(o => o.Key, o => o.Value.AgentId),
        new Dictionary<string, int>(S.FreeSlots)));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        if (S.Waiting.Count == 0)
        {
            var reminder = await this.GetReminder(SweepReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        if (Match())
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    private async Task ExpireOffersAsync(CancellationToken cancellationToken)
    {
        if (S.Offers.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var expired = S.Offers.Where(o => o.Value.Deadline <= now).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        foreach (var (conversationId, offer) in expired)
        {
            S.Offers.Remove(conversationId);
            Skip(conversationId, offer.AgentId);
            Conversation(conversationId).OfferExpiredAsync(offer.AgentId, offer.OfferId).Forget(logger, "Expiring an offer");
        }

        Match();
        await state.WriteOrDeactivateAsync(this);
    }

    /// <summary>Offers every waiting conversation it can; returns true when it made an offer.</summary>
    private bool Match()
    {
        var now = clock.GetUtcNow();
        var offered = false;
        foreach (var entry in Ordered())
        {
            if (S.Offers.ContainsKey(entry.ConversationId))
            {
                continue;
            }

            var skips = S.Skips.GetValueOrDefault(entry.ConversationId);
            var agent = S.FreeSlots
                .Where(a => a.Value - OutstandingOffers(a.Key) > 0)
                .Where(a => skips is null || !skips.TryGetValue(a.Key, out var until) || until <= now)
                .OrderByDescending(a => a.Value - OutstandingOffers(a.Key))
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.Key)
                .FirstOrDefault();
            if (agent is null)
            {
                continue;
            }

            var offer = new PendingOffer(agent, Guid.NewGuid().ToString("N"), now + options.Value.Routing.OfferTimeout);
            S.Offers[entry.ConversationId] = offer;
            offered = true;
            Conversation(entry.ConversationId).OfferAsync(agent, offer.OfferId).Forget(logger, "Offering a conversation");
        }

        return offered;
    }

    private int OutstandingOffers(string agentId) => S.Offers.Values.Count(o => o.AgentId == agentId);

    private void Skip(string conversationId, string agentId)
    {
        if (!S.Skips.TryGetValue(conversationId, out var skips))
        {
            S.Skips[conversationId] = skips = [];
        }

        skips[agentId] = clock.GetUtcNow() + options.Value.Routing.DeclineCooldown;
    }

    private IEnumerable<QueueEntry> Ordered() =>
        S.Waiting.OrderByDescending(w => w.Priority).ThenBy(w => w.EnqueuedAt);

    private IConversationGrain Conversation(string conversationId) =>
        GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
}
