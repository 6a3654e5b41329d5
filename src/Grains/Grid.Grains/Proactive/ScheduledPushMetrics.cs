using Prometheus;

namespace Grid.Proactive;

/// <summary>Scheduled pushes' metrics (docs/architecture.md, "Scheduled pushes"); the table stays the truth for each push.</summary>
internal static class ScheduledPushMetrics
{
    public static readonly Counter Pushes = Metrics.CreateCounter(
        "grid_proactive_scheduled_pushes_total", "Scheduled pushes by outcome: scheduled, sent, deferred, skipped, cancelled, failed.",
        new CounterConfiguration { LabelNames = ["status"] });
}
