using System.Diagnostics;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.LoadTests;

/// <summary>
/// One conversation grown to --depth messages, one at a time. The appends near message 10 are the baseline;
/// the appends near the last message are compared with them (the history is in the journal table, not in the
/// grain state, so the ratio should stay near 1). The window is 100 appends at each end, after 10 warm-up ones.
/// </summary>
public sealed class JournalDepthScenario(DriverOptions options, Report report)
{
    private const int Window = 100;

    public async Task RunAsync()
    {
        using var channel = GrpcChannel.ForAddress(options.GrpcUrl);
        var client = new IngestService.IngestServiceClient(channel);
        var headers = new Metadata { { "x-api-key", options.ApiKey } };
        var sender = "+3398" + Random.Shared.Next(1_000_000, 9_999_999);
        var prefix = Guid.NewGuid().ToString("N");
        var latencies = new double[options.Depth];
        long lastSeq = 0;
        for (var i = 0; i < options.Depth; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var ack = await client.PostInboundAsync(
                new PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = sender, ExternalId = $"{prefix}-{i}", Text = $"message {i} of a long conversation" },
                headers);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lastSeq = ack.Seq;
        }

        var early = IngestScenario.Median(latencies.Skip(10).Take(Window));
        var late = IngestScenario.Median(latencies.Skip(options.Depth - Window));
        report.Add("journal depth", $"messages 11-{10 + Window}", "-", Report.Ms(early), "-", "baseline");
        report.Add("journal depth", $"messages {options.Depth - Window + 1}-{options.Depth} (seq {lastSeq})", "-", Report.Ms(late), "-", Report.Ratio(late / early) + " latency");
    }
}
