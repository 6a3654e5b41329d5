using Prometheus;

namespace Grid.Edge;

/// <summary>The edge's Prometheus metrics.</summary>
public static class EdgeMetrics
{
    /// <summary>Publishes the edge's series at zero from the start.</summary>
    public static void Initialize()
    {
        foreach (var channel in Enum.GetValues<Channel>().Where(c => c != Channel.Unspecified))
        {
            IngestLatency.WithLabels(channel.ToString().ToLowerInvariant());
        }

        InboundRejected.WithLabels("invalid");
        CountCall("/grid.v1.IngestService/PostInbound", global::Grpc.Core.StatusCode.OK, 0);
    }

    /// <summary>Counts one gRPC call answered by Grid's services (<paramref name="method"/> is "/package.Service/Method").</summary>
    public static void CountCall(string method, global::Grpc.Core.StatusCode code, double count = 1)
    {
        var slash = method.LastIndexOf('/');
        var (service, name) = slash > 0 ? (method[1..slash], method[(slash + 1)..]) : ("unknown", method.TrimStart('/'));
        GrpcCalls.WithLabels(service, name, code.ToString()).Inc(count);
    }

    public static readonly Counter GrpcCalls = Metrics.CreateCounter(
        "grid_grpc_server_handled_total", "gRPC calls to Grid's services completed, by service, method and status code (OK, InvalidArgument, Unavailable...).",
        new CounterConfiguration { LabelNames = ["grpc_service", "grpc_method", "grpc_code"] });

    public static readonly Histogram HandoffLatency = Metrics.CreateHistogram(
        "grid_handoff_latency_seconds", "From the escalation being decided to the offer reaching an agent's connection (sent by the hub).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    public static readonly Histogram IngestLatency = Metrics.CreateHistogram(
        "grid_ingest_latency_seconds", "From an inbound message's arrival at the edge to its acknowledgement (durably appended).",
        new HistogramConfiguration { LabelNames = ["channel"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    public static readonly Counter InboundRejected = Metrics.CreateCounter(
        "grid_inbound_rejected_total", "Inbound messages refused before storage, by reason.",
        new CounterConfiguration { LabelNames = ["reason"] });

    public static readonly Counter OutboundDelivered = Metrics.CreateCounter(
        "grid_outbound_delivered_total", "Outbound messages written to integrators' streams (re-deliveries included).",
        new CounterConfiguration { LabelNames = ["channel"] });

    public static readonly Histogram OutboundLag = Metrics.CreateHistogram(
        "grid_outbound_lag_seconds", "From an outbound message written to its outbox to its first write on an integrator's stream on this edge.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 16) });

    public static readonly Gauge OutboundStreams = Metrics.CreateGauge(
        "grid_outbound_streams", "Open integrator outbound streams on this edge.");

    public static readonly Gauge AgentConnections = Metrics.CreateGauge(
        "grid_agent_connections", "Open agent SignalR connections on this edge.");
}
