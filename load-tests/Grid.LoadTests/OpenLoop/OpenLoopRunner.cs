using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Protos.V1;
using Grpc.Core;
using HdrHistogram;

namespace Grid.LoadTests.OpenLoop;

/// <summary>What one open-loop run measured; latencies in ms from each post's scheduled time to its answer.</summary>
public sealed record OpenLoopResult(
    string Label, double Rate, double Seconds, long Scheduled, long Acknowledged, long Failed, long Retries,
    double AchievedRate, double P50, double P99, double P999, double Max, IReadOnlyDictionary<string, long> Errors);

/// <summary>
/// The open loop: post <c>i</c> is due at <c>start + i / rate</c> and is sent then whether or not earlier ones were
/// answered, so a slow server cannot slow the arrivals down and hide its latency (coordinated omission): each latency
/// runs from the post's scheduled time, not from when it could be sent. Calls refused with UNAVAILABLE or
/// RESOURCE_EXHAUSTED are retried with the same external id (idempotent), as an integrator would, at most 3 times;
/// their latency includes the retries. A live progress line goes to standard error.
/// </summary>
public static class OpenLoopRunner
{
    /// <summary>Posts in flight beyond which the generator waits (and the waits count in the latencies).</summary>
    private const int MaxInFlight = 20_000;

    /// <summary>
    /// Runs <paramref name="rate"/> posts a second for <paramref name="duration"/>. <paramref name="next"/> gives post
    /// <c>i</c>'s client and request; <paramref name="acknowledged"/> is told of each answer with the post's scheduled
    /// timestamp (<see cref="Stopwatch"/> ticks).
    /// </summary>
    public static async Task<OpenLoopResult> RunAsync(
        string label, double rate, TimeSpan duration, Metadata headers,
        Func<long, (IngestService.IngestServiceClient Client, PostInboundRequest Request)> next,
        Action<PostInboundRequest, PostInboundResponse, long>? acknowledged = null)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Minutes(2), 3);
        var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long acks = 0, failed = 0, retries = 0, inFlight = 0;
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var pending = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        using var progress = Progress(label, total, start, () => (acks, failed, Volatile.Read(ref inFlight), histogram));

        async Task SendAsync(IngestService.IngestServiceClient client, PostInboundRequest request, long due)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var answer = await client.PostInboundAsync(request, headers);
                    histogram.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - due));
                    Interlocked.Increment(ref acks);
                    acknowledged?.Invoke(request, answer, due);
                    break;
                }
                catch (RpcException ex) when (attempt <= 3 && ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted)
                {
                    Interlocked.Increment(ref retries);
                    await Task.Delay(50 * attempt);
                }
                catch (RpcException ex)
                {
                    Interlocked.Increment(ref failed);
                    errors.AddOrUpdate(ex.StatusCode.ToString(), 1, (_, n) => n + 1);
                    break;
                }
            }

            Interlocked.Decrement(ref inFlight);
        }

        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            while (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                await Task.Delay(1);
            }

            var (client, request) = next(i);
            Interlocked.Increment(ref inFlight);
            pending.Add(SendAsync(client, request, due));
        }

        var sent = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);
        progress.Dispose();
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }

        double Ms(double percentile) => histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        var result = new OpenLoopResult(
            label, rate, duration.TotalSeconds, total, acks, failed, retries, acks / Math.Max(sent, duration.TotalSeconds),
            Ms(50), Ms(99), Ms(99.9), histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency,
            new Dictionary<string, long>(errors));
        Console.Error.WriteLine($"[{label}] done: {acks} of {total} acknowledged, {failed} failed, {retries} retries, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, p99.9 {result.P999:0.00} ms");
        return result;
    }

    /// <summary>
    /// A line a second on standard error: elapsed time, acknowledged and failed posts, posts in flight and the p99 so
    /// far. On a terminal the line is rewritten in place; redirected, one line every 2 seconds.
    /// </summary>
    public static IDisposable Progress(string label, long total, long start, Func<(long Acks, long Failed, long InFlight, HistogramBase Latency)> read)
    {
        var redirected = Console.IsErrorRedirected;
        var ticks = 0;
        return new Timer(_ =>
        {
            if (redirected && ++ticks % 2 != 0)
            {
                return;
            }

            var (acks, failed, inFlight, latency) = read();
            var p99 = latency.TotalCount == 0 ? 0 : latency.GetValueAtPercentile(99) * 1000.0 / Stopwatch.Frequency;
            var line = $"[{label}] {Stopwatch.GetElapsedTime(start).TotalSeconds,5:0}s  acked {acks}/{total}  failed {failed}  in flight {inFlight}  p99 {p99:0.0} ms";
            Console.Error.Write(redirected ? line + Environment.NewLine : "\r" + line.PadRight(100));
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
