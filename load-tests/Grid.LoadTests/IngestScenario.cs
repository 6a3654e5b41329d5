using System.Globalization;
using Grid.Protos.V1;
using Grpc.Core;

namespace Grid.LoadTests;

/// <summary>
/// Integrators posting from many customers at a fixed concurrency (closed loop: each worker posts its next
/// message when the previous one is acknowledged). Concurrency 1 is the baseline: one commit per message.
/// Levels are interleaved within each repeat so that machine noise hits them alike; medians over repeats.
/// </summary>
public sealed class IngestScenario(DriverOptions options, Report report, bool freshSenders = false)
{
    public async Task RunAsync()
    {
        using var channel = ClosedLoop.Channel(options.GrpcUrl);
        var client = new IngestService.IngestServiceClient(channel);
        var headers = new Metadata { { "x-api-key", options.ApiKey } };
        var results = options.Concurrency.ToDictionary(c => c, _ => new List<RunResult>());

        await RunLevelAsync(client, headers, 4, TimeSpan.FromSeconds(2), "warmup", freshSenders);
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            foreach (var concurrency in options.Concurrency)
            {
                results[concurrency].Add(await RunLevelAsync(client, headers, concurrency, TimeSpan.FromSeconds(options.Seconds), $"r{repeat}", freshSenders));
            }
        }

        var baseline = Median(results[options.Concurrency[0]].Select(r => r.Throughput));
        foreach (var (concurrency, runs) in results)
        {
            var throughput = Median(runs.Select(r => r.Throughput));
            report.Add(
                freshSenders ? "ingest, a new customer per message" : "ingest",
                $"concurrency {concurrency}",
                throughput.ToString("0", CultureInfo.InvariantCulture),
                Report.Ms(Median(runs.Select(r => r.P50))),
                Report.Ms(Median(runs.Select(r => r.P99))),
                Report.Ratio(throughput / baseline) + " throughput");
        }
    }

    private static Task<RunResult> RunLevelAsync(
        IngestService.IngestServiceClient client, Metadata headers, int concurrency, TimeSpan duration, string run, bool freshSenders)
    {
        var prefix = $"{run}-{concurrency}-{Guid.NewGuid():N}";
        var senders = Enumerable.Range(0, concurrency)
            .Select(worker => "+3399" + (worker + (concurrency * 1000)).ToString("D7", CultureInfo.InvariantCulture))
            .ToArray();
        var senderPrefixes = Enumerable.Range(0, concurrency)
            .Select(worker => "+339" + Random.Shared.Next(10, 99).ToString(CultureInfo.InvariantCulture) + worker.ToString("D3", CultureInfo.InvariantCulture))
            .ToArray();
        return ClosedLoop.PostAsync(client, headers, concurrency, duration, (worker, sent) => new PostInboundRequest
        {
            Channel = Protos.V1.Channel.Sms,
            Sender = freshSenders ? senderPrefixes[worker] + sent.ToString("D6", CultureInfo.InvariantCulture) : senders[worker],
            ExternalId = $"{prefix}-{worker}-{sent}",
            Text = "Load test message",
        });
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
