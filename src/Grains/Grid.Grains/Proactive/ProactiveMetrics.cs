using Prometheus;

namespace Grid.Proactive;

/// <summary>Proactive pushes' metrics (docs/architecture.md, "Proactive pushes"); the delivery table stays the truth for progress.</summary>
internal static class ProactiveMetrics
{
    public static readonly Counter Incidents = Metrics.CreateCounter(
        "grid_proactive_incidents_total", "Incidents opened, resolved and cancelled.", new CounterConfiguration { LabelNames = ["status"] });

    public static readonly Counter Deliveries = Metrics.CreateCounter(
        "grid_proactive_deliveries_total", "Incident pushes by outcome (queued, deferred, skipped, failed, delivered) and reason.",
        new CounterConfiguration { LabelNames = ["state", "reason"] });

    public static readonly Counter Batches = Metrics.CreateCounter(
        "grid_proactive_batches_total", "Fan-out batches written (deliveries and cursor).");

    public static readonly Counter Linked = Metrics.CreateCounter(
        "grid_proactive_linked_total", "Incident pushes recorded in their customers' conversations after their outbox rows were written.");

    public static readonly Counter Contacts = Metrics.CreateCounter(
        "grid_proactive_contacts_total", "Affected customers who wrote in during an incident, by outcome (deflected, escalated).",
        new CounterConfiguration { LabelNames = ["outcome"] });
}
