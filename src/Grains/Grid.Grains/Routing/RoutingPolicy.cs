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
        /// <summary>The skills and language needed, as a value: conversations alike share it (set at construction, so build a new one when the needs change).</summary>
        public string Signature { get; } = string.Join(',', Needs.Skills.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + ":" + s.Value)) + "|" + Needs.Language;

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
        var ranked = waiting.Select(w => new Ranked(w, Score(w, now, weights))).ToList();
        ranked.Sort(Ranked.Compare);
        return ranked.ConvertAll(r => r.W);
    }

    /// <summary>
    /// The same order, produced lazily from a heap: O(n) to start, O(log n) per conversation taken, so a pass that
    /// stops after a few offers never sorts the whole waiting list.
    /// </summary>
    public static IEnumerable<Waiting> InOrder(IEnumerable<Waiting> waiting, DateTimeOffset now, Weights weights)
    {
        var heap = new PriorityQueue<Waiting, Ranked>(waiting.Select(w => (w, new Ranked(w, Score(w, now, weights)))), Comparer<Ranked>.Create(Ranked.Compare));
        while (heap.TryDequeue(out var next, out _))
        {
            yield return next;
        }
    }

    /// <summary>The conversation's place (1: next), counting those ranked before it without sorting; 0 when absent.</summary>
    public static int Position(IEnumerable<Waiting> waiting, string conversationId, DateTimeOffset now, Weights weights)
    {
        var all = waiting.Select(w => new Ranked(w, Score(w, now, weights))).ToList();
        var target = all.FindIndex(r => r.W.Entry.ConversationId == conversationId);
        return target < 0 ? 0 : 1 + all.Count(r => Ranked.Compare(r, all[target]) < 0);
    }

    /// <summary>
    /// The offers to make now. <paramref name="ordered"/> is in <see cref="Order"/>'s order (it is read only as far as
    /// needed); <paramref name="pending"/> the outstanding offers (conversation → agent and channel), which are neither made
    /// again nor counted as free slots; <paramref name="excluded"/> says whether an agent declined (or let expire) a
    /// conversation.
    /// </summary>
    public static List<Offer> Choose(
        IEnumerable<Waiting> ordered,
        IReadOnlyCollection<AgentRouting> agents,
        IReadOnlyDictionary<string, (string AgentId, Channel Channel)> pending,
        Func<string, string, bool> excluded,
        TimeSpan stickyWindow,
        DateTimeOffset now)
    {
        var offers = new List<Offer>();
        var slots = new Dictionary<string, Slot>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            if (agent.Presence == AgentPresence.Available)
            {
                slots[agent.AgentId] = new Slot(agent);
            }
        }

        // Offers outstanding hold a slot of their channel until accepted, declined or expired.
        foreach (var (agent, channel) in pending.Values)
        {
            if (slots.TryGetValue(agent, out var slot))
            {
                slot.Hold(channel);
            }
        }

        // Only agents with a free slot are candidates, and an agent leaves the list once full: with every agent busy, a
        // pass ends at once.
        var candidates = slots.Values.Where(s => s.Total > 0).ToList();

        // Requirements nobody left can meet: later conversations needing the same are skipped without a scan (the
        // candidates only lose slots during a pass).
        var hopeless = new HashSet<(Channel, string)>();
        foreach (var waiting in ordered)
        {
            if (candidates.Count == 0)
            {
                break;
            }

            var entry = waiting.Entry;
            if (pending.ContainsKey(entry.ConversationId))
            {
                continue;
            }

            if (waiting.Needs.Sticky is { } sticky && now - entry.EnqueuedAt < stickyWindow
                && slots.TryGetValue(sticky, out var favourite) && waiting.Needs.Fit(favourite.Agent) && !excluded(entry.ConversationId, sticky))
            {
                // The agent who last helped this customer: theirs when they have room, kept for them a while when not.
                if (favourite.Free(entry.Channel) > 0)
                {
                    Take(favourite, entry);
                }

                continue;
            }

            var signature = (entry.Channel, waiting.Signature);
            if (waiting.Needs.Target is null && hopeless.Contains(signature))
            {
                continue;
            }

            Slot? best = null;
            var declinedBy = false;
            foreach (var slot in candidates)
            {
                if (slot.Free(entry.Channel) <= 0 || !waiting.Needs.Fit(slot.Agent))
                {
                    continue;
                }

                if (excluded(entry.ConversationId, slot.Agent.AgentId))
                {
                    declinedBy = true;
                    continue;
                }

                if (best is null || slot.Idle < best.Idle || (slot.Idle == best.Idle && string.CompareOrdinal(slot.Agent.AgentId, best.Agent.AgentId) < 0))
                {
                    best = slot;
                }
            }

            if (best is not null)
            {
                Take(best, entry);
            }
            else if (!declinedBy)
            {
                hopeless.Add(signature);
            }
        }

        return offers;

        void Take(Slot slot, QueueEntry entry)
        {
            offers.Add(new Offer(entry.ConversationId, slot.Agent.AgentId, entry.Channel));
            slot.Hold(entry.Channel);

            // Just offered one: no longer the longest idle, so the next conversation goes to the next agent.
            slot.Idle = now;
            if (slot.Total <= 0)
            {
                candidates.Remove(slot);
            }
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

    /// <summary>A conversation's rank: higher score, then longer wait, then id.</summary>
    private readonly record struct Ranked(Waiting W, double S)
    {
        public static int Compare(Ranked a, Ranked b)
        {
            var c = b.S.CompareTo(a.S);
            if (c == 0)
            {
                c = a.W.Entry.EnqueuedAt.CompareTo(b.W.Entry.EnqueuedAt);
            }

            return c != 0 ? c : string.CompareOrdinal(a.W.Entry.ConversationId, b.W.Entry.ConversationId);
        }
    }

    /// <summary>An available agent's free slots during a pass (capacity minus load minus offers made).</summary>
    private sealed class Slot(AgentRouting agent)
    {
        private Dictionary<Channel, int>? held;

        public AgentRouting Agent { get; } = agent;

        public DateTimeOffset Idle { get; set; } = agent.IdleSince;

        public int Total { get; private set; } = agent.MaxTotal - agent.Load.Values.Sum();

        public int Free(Channel channel) =>
            Math.Min(Total, Agent.Capacity.GetValueOrDefault(channel) - Agent.Load.GetValueOrDefault(channel) - (held?.GetValueOrDefault(channel) ?? 0));

        public void Hold(Channel channel)
        {
            held ??= [];
            held[channel] = held.GetValueOrDefault(channel) + 1;
            Total--;
        }
    }
}
