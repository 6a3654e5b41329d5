using System.Diagnostics;
using System.Globalization;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;

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
        using var channel = GrpcChannel.ForAddress(options.GrpcUrl, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var client = new IngestService.IngestServiceClient(channel);
        var headers = new Metadata { { "x-api-key", options.ApiKey } };
        var results = options.Concurrency.ToDictionary(c => c, _ => new List<(double Throughput, double P50, double P99)>());

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

    private static async Task<(double Throughput, double P50, double P99)> RunLevelAsync(
        IngestService.IngestServiceClient client, Metadata headers, int concurrency, TimeSpan duration, string run, bool freshSenders)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var stop = Stopwatch.StartNew();
        var prefix = $"{run}-{concurrency}-{Guid.NewGuid():N}";
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var sender = "+3399" + (worker + (concurrency * 1000)).ToString("D7", CultureInfo.InvariantCulture);
            var senderPrefix = "+339" + Random.Shared.Next(10, 99).ToString(CultureInfo.InvariantCulture) + worker.ToString("D3", CultureInfo.InvariantCulture);
            var local = new LongHistogram(TimeStamp.Minutes(1), 3);
            var sent = 0;
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await client.PostInboundAsync(
                    new PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = freshSenders ? senderPrefix + sent.ToString("D6", CultureInfo.InvariantCulture) : sender, ExternalId = $"{prefix}-{worker}-{sent}", Text = "Load test message" },
                    headers);
                local.RecordValue(Stopwatch.GetTimestamp() - started);
                sent++;
            }

            return (local, sent);
        });
        var done = await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        foreach (var (local, _) in done)
        {
            histogram.Add(local);
        }

        var total = done.Sum(d => d.sent);
        double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return (total / elapsed, ToMs(histogram.GetValueAtPercentile(50)), ToMs(histogram.GetValueAtPercentile(99)));
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
