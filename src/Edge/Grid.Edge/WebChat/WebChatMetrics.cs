using Prometheus;

namespace Grid.Edge.WebChat;

/// <summary>The web chat's Prometheus metrics.</summary>
public static class WebChatMetrics
{
    /// <summary>The reasons a visitor is refused, as the refusal metric labels them.</summary>
    public static readonly string[] RefusalReasons = ["unknown_widget", "origin", "visitor_id", "rate_limited", "invalid"];

    /// <summary>Publishes the series at zero from the start.</summary>
    public static void Initialize()
    {
        foreach (var reason in RefusalReasons)
        {
            Refusals.WithLabels(reason);
        }

        Messages.WithLabels("in");
        Messages.WithLabels("out");
    }

    public static readonly Counter Sessions = Metrics.CreateCounter(
        "grid_webchat_sessions_total", "Visitors' web chat connections admitted (a page load or a reconnect).");

    public static readonly Gauge Connections = Metrics.CreateGauge(
        "grid_webchat_connections", "Open visitors' web chat connections on this edge.");

    public static readonly Counter Messages = Metrics.CreateCounter(
        "grid_webchat_messages_total", "Web chat messages: in, posted by visitors (callbacks included); out, pushed to a visitor's connection on this edge.",
        new CounterConfiguration { LabelNames = ["direction"] });

    public static readonly Counter Refusals = Metrics.CreateCounter(
        "grid_webchat_refusals_total", "Visitors' connections and calls refused, by reason.",
        new CounterConfiguration { LabelNames = ["reason"] });
}
