using Prometheus;

namespace Grid;

/// <summary>
/// The silo's Prometheus metrics (DESIGN §8): names start with grid_, carry their unit, counters end in _total.
/// Gauges of grains count the activations on this silo; Prometheus sums them over silos.
/// </summary>
public static class GridMetrics
{
    public static readonly Counter InboundMessages = Metrics.CreateCounter(
        "grid_inbound_messages_total", "Inbound customer messages by channel and outcome (appended, duplicate).",
        new CounterConfiguration { LabelNames = ["channel", "outcome"] });

    public static readonly Counter OutboundMessages = Metrics.CreateCounter(
        "grid_outbound_messages_total", "Outbound messages written to an outbox, by channel and kind.",
        new CounterConfiguration { LabelNames = ["channel", "kind"] });

    public static readonly Counter OutboundAcked = Metrics.CreateCounter(
        "grid_outbound_acked_total", "Outbound messages acknowledged by integrators.");

    public static readonly Counter OutboundDeadLettered = Metrics.CreateCounter(
        "grid_outbound_dead_letters_total", "Outbound messages taken out of delivery (too many sends unacknowledged, or too old).");

    public static readonly Counter OutboundThrottled = Metrics.CreateCounter(
        "grid_outbound_throttled_total", "Lease requests of outbound streams that held messages back at their integrator channel's rate limit (Grid:Outbound:RateLimits), by channel.",
        new CounterConfiguration { LabelNames = ["channel"] });

    public static readonly Counter OutboundLeasesExpired = Metrics.CreateCounter(
        "grid_outbound_leases_expired_total", "Outbound messages whose lease ended unacknowledged (Grid:Outbound:RedeliverAfter): offered again to the integrator's streams.");

    public static readonly Gauge Conversations = Metrics.CreateGauge(
        "grid_conversations", "Active conversation grains on this silo by state.",
        new GaugeConfiguration { LabelNames = ["state"] });

    public static readonly Counter ConversationTransitions = Metrics.CreateCounter(
        "grid_conversation_transitions_total", "Conversation state transitions by target state.",
        new CounterConfiguration { LabelNames = ["state"] });

    public static readonly Gauge Agents = Metrics.CreateGauge(
        "grid_agents", "Active agent grains on this silo by presence.",
        new GaugeConfiguration { LabelNames = ["presence"] });

    public static readonly Counter Offers = Metrics.CreateCounter(
        "grid_offers_total", "Offers of conversations to agents by outcome (made, accepted, declined, expired).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Counter EffectFailures = Metrics.CreateCounter(
        "grid_conversation_effect_failures_total", "Effects of committed conversation events that failed (the journal is unaffected), by effect.",
        new CounterConfiguration { LabelNames = ["effect"] });

    public static readonly Histogram JournalCommitSeconds = Metrics.CreateHistogram(
        "grid_journal_commit_seconds", "Duration of one group commit of the journal writer.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    public static readonly Histogram JournalBatchSize = Metrics.CreateHistogram(
        "grid_journal_batch_size", "Work items per group commit of the journal writer.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 10) });

    public static readonly Counter Escalations = Metrics.CreateCounter(
        "grid_escalations_total", "Conversations handed to a person, by the rule that decided it (asked-for-human, no-match-limit, negative-sentiment, tier, flow, task, flow-stuck, no-bot-answer, bot-warming-up, transferred, negative-csat, ...).",
        new CounterConfiguration { LabelNames = ["reason"] });

    public static readonly Counter BotConversations = Metrics.CreateCounter(
        "grid_bot_conversations_total", "Conversations the bot held, by outcome: escalated (a person took over) or contained (closed while the bot held it).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Histogram FirstResponseSeconds = Metrics.CreateHistogram(
        "grid_first_response_seconds", "From a conversation's first customer message to the first reply written by a person.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 16) });

    public static readonly Counter CsatRatings = Metrics.CreateCounter(
        "grid_csat_ratings_total", "Customers' satisfaction ratings by value (1 to 5).",
        new CounterConfiguration { LabelNames = ["rating"] });

    public static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "grid_queue_depth", "Conversations waiting in a queue (an activation reports its own queue).",
        new GaugeConfiguration { LabelNames = ["tenant", "queue"] });

    public static readonly Gauge QueueLongestWaitSeconds = Metrics.CreateGauge(
        "grid_queue_longest_wait_seconds", "The longest a conversation waiting in the queue has waited so far.",
        new GaugeConfiguration { LabelNames = ["tenant", "queue"] });

    public static readonly Histogram QueueWaitSeconds = Metrics.CreateHistogram(
        "grid_queue_wait_seconds", "From entering a queue to leaving it (taken, resolved, moved), per conversation.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 14) });

    public static readonly Histogram RoutingDecisionSeconds = Metrics.CreateHistogram(
        "grid_routing_decision_seconds", "One pass of a queue's routing policy (order the waiting list, choose agents).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });

    public static readonly Gauge AgentLoad = Metrics.CreateGauge(
        "grid_agent_load", "Conversations held by active agent grains on this silo, by channel (occupancy = load / capacity).",
        new GaugeConfiguration { LabelNames = ["channel"] });

    public static readonly Gauge AgentCapacity = Metrics.CreateGauge(
        "grid_agent_capacity", "Capacity of the available agents (active grains on this silo), by channel.",
        new GaugeConfiguration { LabelNames = ["channel"] });

    /// <summary>An escalation reason without its detail ("tier:platinum" → "tier"): a bounded label.</summary>
    public static string ReasonLabel(string reason) => reason.Split(':', 2)[0] is { Length: > 0 and <= 40 } kind ? kind : "other";

    /// <summary>Publishes every series at zero from the start, so dashboards and alerts see them before the first event.</summary>
    public static void Initialize()
    {
        foreach (var channel in Enum.GetValues<Channel>().Where(c => c != Channel.Unspecified))
        {
            InboundMessages.WithLabels(Label(channel), "appended");
            InboundMessages.WithLabels(Label(channel), "duplicate");
            AgentLoad.WithLabels(Label(channel));
            AgentCapacity.WithLabels(Label(channel));
        }

        foreach (var rating in new[] { "1", "2", "3", "4", "5" })
        {
            CsatRatings.WithLabels(rating);
        }

        BotConversations.WithLabels("escalated");
        BotConversations.WithLabels("contained");
        foreach (var status in Enum.GetValues<ConversationStatus>())
        {
            Conversations.WithLabels(Label(status));
        }

        foreach (var presence in Enum.GetValues<AgentPresence>())
        {
            Agents.WithLabels(presence.ToString().ToLowerInvariant());
        }

        foreach (var outcome in new[] { "made", "accepted", "declined", "expired" })
        {
            Offers.WithLabels(outcome);
        }
    }

    public static string Label(ConversationStatus status) => status.ToString().ToLowerInvariant();

    public static string Label(Channel channel) => channel.ToString().ToLowerInvariant();
}
