namespace Grid.Routing;

/// <summary>
/// Who gets offered what (pure, unit-tested, driven by <see cref="QueueGrain"/>). Waiting conversations are taken by
/// score, highest first (<see cref="Score"/>: the escalation's priority — the customer's tier, the message's sentiment,
/// a missed deadline — plus points for the time waited and for a first-response deadline drawing near); each goes to the
/// agent who has been idle longest among those who are available, have a free slot on its channel (their capacity on
/// that channel and in all, minus what they hold and what they are being offered), fit its requirements and did not
/// decline it. A returning customer's conversation goes first to the agent who last helped them: offered at once when
/// that agent has a free slot, kept for them up to the queue's sticky window while they are available but full.
/// </summary>
internal static class RoutingPolicy
{
    /// <summary>A waiting conversation with its parsed requirements.</summary>
    internal sealed record Waiting(QueueEntry Entry, RoutingRequirements Needs)
    {
        public static Waiting Of(QueueEntry entry) => new(entry, RoutingRequirements.Parse(entry.Requirements, entry.TargetAgent));
    }

    /// <summary>An offer the queue makes.</summary>
    internal readonly record struct Offer(string ConversationId, string AgentId, Channel Channel);

    /// <summary>How the score weighs time: a point per <see cref="AgingStep"/> waited; up to <see cref="SlaPoints"/> as a deadline nears within <see cref="SlaHorizon"/>.</summary>
    internal sealed record Weights(TimeSpan AgingStep, TimeSpan SlaHorizon, double SlaPoints)
    {
        public static Weights Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), 20);
    }

    /// <summary>The conversation's rank: priority, plus a point per aging step waited, plus the deadline's urgency.</summary>
    public static double Score(Waiting w, DateTimeOffset now, Weights weights)
    {
        var waited = Math.Max(0, (now - w.Entry.EnqueuedAt).Ticks) / (double)weights.AgingStep.Ticks;
        var urgency = 0.0;
        if (w.Needs.Due is { } due)
        {
            var left = (due - now).Ticks / (double)weights.SlaHorizon.Ticks;
            urgency = weights.SlaPoints * Math.Clamp(1 - left, 0, 1);
        }

        return w.Entry.Priority + waited + urgency;
    }

    /// <summary>The waiting conversations, highest score first, then the longest waiting, then by id (a total order).</summary>
    public static List<Waiting> Order(IEnumerable<Waiting> waiting, DateTimeOffset now, Weights weights)
    {
        var scored = waiting.Select(w => (W: w, S: Score(w, now, weights))).ToList();
        scored.Sort(static (a, b) =>
        {
            var c = b.S.CompareTo(a.S);
            if (c == 0)
            {
                c = a.W.Entry.EnqueuedAt.CompareTo(b.W.Entry.EnqueuedAt);
            }

            return c != 0 ? c : string.CompareOrdinal(a.W.Entry.ConversationId, b.W.Entry.ConversationId);
        });
        return scored.ConvertAll(s => s.W);
    }

    /// <summary>
    /// The offers to make now. <paramref name="ordered"/> is <see cref="Order"/>'s result; <paramref name="pending"/> the
    /// outstanding offers (conversation → agent and channel), which are neither made again nor counted as free slots;
    /// <paramref name="excluded"/> says whether an agent declined (or let expire) a conversation.
    /// </summary>
    public static List<Offer> Choose(
        IReadOnlyList<Waiting> ordered,
        IReadOnlyCollection<AgentRouting> agents,
        IReadOnlyDictionary<string, (string AgentId, Channel Channel)> pending,
        Func<string, string, bool> excluded,
        TimeSpan stickyWindow,
        DateTimeOffset now)
    {
        var offers = new List<Offer>();
        var byId = new Dictionary<string, AgentRouting>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            byId[agent.AgentId] = agent;
        }

        // Offers outstanding hold a slot of their channel until accepted, declined or expired.
        var offered = new Dictionary<(string, Channel), int>();
        var offeredTotal = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (agent, channel) in pending.Values)
        {
            offered[(agent, channel)] = offered.GetValueOrDefault((agent, channel)) + 1;
            offeredTotal[agent] = offeredTotal.GetValueOrDefault(agent) + 1;
        }

        // Only agents with a free slot on some channel are candidates: with every agent busy, a pass costs little.
        var candidates = new List<AgentRouting>();
        foreach (var agent in agents)
        {
            if (agent.Presence == AgentPresence.Available && agent.MaxTotal - agent.Load.Values.Sum() - offeredTotal.GetValueOrDefault(agent.AgentId) > 0)
            {
                candidates.Add(agent);
            }
        }

        if (candidates.Count == 0)
        {
            return offers;
        }

        var idle = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var waiting in ordered)
        {
            var entry = waiting.Entry;
            if (pending.ContainsKey(entry.ConversationId))
            {
                continue;
            }

            if (waiting.Needs.Sticky is { } sticky && now - entry.EnqueuedAt < stickyWindow
                && byId.TryGetValue(sticky, out var favourite) && favourite.Presence == AgentPresence.Available
                && waiting.Needs.Fit(favourite) && !excluded(entry.ConversationId, sticky))
            {
                // The agent who last helped this customer: theirs when they have room, kept for them a while when not.
                if (Free(favourite, entry.Channel, offered, offeredTotal) > 0)
                {
                    Take(favourite, entry);
                }

                continue;
            }

            AgentRouting? best = null;
            var bestIdle = DateTimeOffset.MaxValue;
            foreach (var agent in candidates)
            {
                if (Free(agent, entry.Channel, offered, offeredTotal) <= 0 || !waiting.Needs.Fit(agent) || excluded(entry.ConversationId, agent.AgentId))
                {
                    continue;
                }

                var since = idle.TryGetValue(agent.AgentId, out var taken) ? taken : agent.IdleSince;
                if (since < bestIdle || (since == bestIdle && string.CompareOrdinal(agent.AgentId, best!.AgentId) < 0))
                {
                    (best, bestIdle) = (agent, since);
                }
            }

            if (best is not null)
            {
                Take(best, entry);
            }
        }

        return offers;

        void Take(AgentRouting agent, QueueEntry entry)
        {
            offers.Add(new Offer(entry.ConversationId, agent.AgentId, entry.Channel));
            offered[(agent.AgentId, entry.Channel)] = offered.GetValueOrDefault((agent.AgentId, entry.Channel)) + 1;
            offeredTotal[agent.AgentId] = offeredTotal.GetValueOrDefault(agent.AgentId) + 1;

            // Just offered one: no longer the longest idle, so the next conversation goes to the next agent.
            idle[agent.AgentId] = now;
        }
    }

    /// <summary>The conversations that waited past the queue's overflow threshold and are not being offered.</summary>
    public static List<QueueEntry> Overflowing(IEnumerable<Waiting> waiting, QueueDefinition? definition, IReadOnlyDictionary<string, (string AgentId, Channel Channel)> pending, DateTimeOffset now)
    {
        if (definition is not { OverflowQueue: { } _, OverflowAfter: { } after })
        {
            return [];
        }

        return [.. waiting.Where(w => w.Needs.Target is null && now - w.Entry.EnqueuedAt >= after && !pending.ContainsKey(w.Entry.ConversationId)).Select(w => w.Entry)];
    }

    private static int Free(AgentRouting agent, Channel channel, Dictionary<(string, Channel), int> offered, Dictionary<string, int> offeredTotal)
    {
        if (agent.Presence != AgentPresence.Available)
        {
            return 0;
        }

        var onChannel = agent.Capacity.GetValueOrDefault(channel) - agent.Load.GetValueOrDefault(channel) - offered.GetValueOrDefault((agent.AgentId, channel));
        var total = agent.MaxTotal - agent.Load.Values.Sum() - offeredTotal.GetValueOrDefault(agent.AgentId);
        return Math.Min(onChannel, total);
    }
}
