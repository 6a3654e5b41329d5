using System.Diagnostics;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;

namespace Grid.LoadTests;

/// <summary>Throughput (operations per second) and latency percentiles (milliseconds) of one measured run.</summary>
public readonly record struct RunResult(double Throughput, double P50, double P99);

/// <summary>
/// The closed loop shared by every gRPC measurement (Grid's ingest and the echo baseline): each worker posts its
/// next request when the previous one is answered, for a fixed duration; every call's latency is recorded.
/// </summary>
public static class ClosedLoop
{
    /// <summary>A channel to an ingest endpoint, configured alike for Grid and the echo server.</summary>
    public static GrpcChannel Channel(string url) =>
        GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });

    /// <summary>
    /// Runs <paramref name="concurrency"/> workers posting <c>request(worker, sent)</c> with <paramref name="headers"/>
    /// for <paramref name="duration"/>; <c>sent</c> counts that worker's previous requests.
    /// </summary>
    public static async Task<RunResult> PostAsync(
        IngestService.IngestServiceClient client, Metadata headers, int concurrency, TimeSpan duration, Func<int, int, PostInboundRequest> request)
    {
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var local = new LongHistogram(TimeStamp.Minutes(1), 3);
            var sent = 0;
            while (stop.Elapsed < duration)
            {
                var next = request(worker, sent);
                var started = Stopwatch.GetTimestamp();
                await client.PostInboundAsync(next, headers);
                local.RecordValue(Stopwatch.GetTimestamp() - started);
                sent++;
            }

            return (local, sent);
        });
        var done = await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        foreach (var (local, _) in done)
        {
            histogram.Add(local);
        }

        return Summarize(histogram, done.Sum(d => d.sent), elapsed);
    }

    /// <summary>Throughput and p50 / p99 of a histogram of <see cref="Stopwatch"/> ticks.</summary>
    public static RunResult Summarize(LongHistogram ticks, long count, double seconds) =>
        new(count / seconds, ToMs(ticks.GetValueAtPercentile(50)), ToMs(ticks.GetValueAtPercentile(99)));

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
