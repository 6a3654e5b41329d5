using System.Collections.Concurrent;
using System.Globalization;
using Grid.Protos.V1;
using Grpc.Core;

namespace Grid.LoadTests;

/// <summary>
/// Grid's ingest over existing conversations, against baselines measured in the same run.
/// First 1,000 conversations are created (1,000 distinct senders, one message each, 16 at a time); then closed-loop
/// callers (the highest <c>--concurrency</c> level, 64 by default) post to those senders round robin, so every message
/// is appended to an open conversation. The baselines are the floor of each half of that work on this machine: a
/// unary gRPC call answered at once (<see cref="EchoBaseline"/>, the same closed loop, requests and concurrency) and a
/// committed single-row append (<see cref="SqliteBaseline"/>, one row per transaction, and 100 per transaction).
/// Each repeat runs echo, the two SQLite runs and Grid one after the other, so machine noise hits them alike;
/// medians over repeats, and Grid's throughput as ratios to the baselines'. Without Grid (scenario <c>baselines</c>)
/// only the baselines are measured.
/// </summary>
public sealed class ExistingConversationsScenario(DriverOptions options, Report report, bool measureGrid)
{
    private const int ConversationCount = 1000;
    private const int SetupConcurrency = 16;
    private const int Batch = 100;

    public async Task RunAsync()
    {
        var concurrency = options.Concurrency.Max();
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var headers = new Metadata { { "x-api-key", options.ApiKey } };
        var first = Random.Shared.Next(100, 9990) * 1000;
        var senders = Enumerable.Range(first, ConversationCount).Select(n => "+3397" + n.ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        var run = Guid.NewGuid().ToString("N");

        await using var echo = await EchoBaseline.StartAsync();
        using var sqlite = new SqliteBaseline();
        using var channel = measureGrid ? ClosedLoop.Channel(options.GrpcUrl) : null;
        var grid = channel is null ? null : new IngestService.IngestServiceClient(channel);

        var conversations = 0;
        if (grid is not null)
        {
            conversations = await CreateConversationsAsync(grid, headers, senders, run);
            await ClosedLoop.PostAsync(grid, headers, 4, TimeSpan.FromSeconds(2), RoundRobin(senders, $"{run}-warmup"));
        }

        await echo.RunAsync(headers, 4, TimeSpan.FromSeconds(2), RoundRobin(senders, $"{run}-echo-warmup"));
        await sqlite.RunAsync(1, TimeSpan.FromSeconds(1));

        List<RunResult> echoRuns = [], singleRuns = [], batchRuns = [], gridRuns = [];
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            echoRuns.Add(await echo.RunAsync(headers, concurrency, duration, RoundRobin(senders, $"{run}-echo-r{repeat}")));
            singleRuns.Add(await sqlite.RunAsync(1, duration));
            batchRuns.Add(await sqlite.RunAsync(Batch, duration));
            if (grid is not null)
            {
                gridRuns.Add(await ClosedLoop.PostAsync(grid, headers, concurrency, duration, RoundRobin(senders, $"{run}-r{repeat}")));
            }
        }

        var echoThroughput = Add("baseline: gRPC echo (requests)", $"in-process Kestrel, h2c, concurrency {concurrency}", echoRuns, "-");
        var singleThroughput = Add("baseline: SQLite commits (rows)", "1 row per transaction, latency per transaction", singleRuns, "-");
        Add("baseline: SQLite commits (rows)", $"{Batch} rows per transaction, latency per transaction", batchRuns, "-");
        if (grid is not null)
        {
            var throughput = IngestScenario.Median(gridRuns.Select(r => r.Throughput));
            Add(
                "ingest over existing conversations (messages)",
                $"{conversations.ToString("N0", CultureInfo.InvariantCulture)} conversations, concurrency {concurrency}",
                gridRuns,
                $"{Report.Ratio(throughput / echoThroughput)} echo, {Report.Ratio(throughput / singleThroughput)} single-row commits");
        }
    }

    /// <summary>
    /// Requests to the senders in turn (shared by all workers), each with a new external id: every one is a new
    /// message for Grid. The echo server gets exactly the same requests.
    /// </summary>
    private static Func<int, int, PostInboundRequest> RoundRobin(string[] senders, string run)
    {
        var next = -1L;
        return (_, _) =>
        {
            var n = Interlocked.Increment(ref next);
            return new PostInboundRequest
            {
                Channel = Protos.V1.Channel.Sms,
                Sender = senders[n % senders.Length],
                ExternalId = $"{run}-{n}",
                Text = "Load test message",
            };
        };
    }

    /// <summary>One message from each sender, <see cref="SetupConcurrency"/> at a time; returns the number of distinct conversations.</summary>
    private static async Task<int> CreateConversationsAsync(IngestService.IngestServiceClient grid, Metadata headers, string[] senders, string run)
    {
        var conversationIds = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var next = -1;
        var workers = Enumerable.Range(0, SetupConcurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < senders.Length; i = Interlocked.Increment(ref next))
            {
                var ack = await grid.PostInboundAsync(
                    new PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = senders[i], ExternalId = $"{run}-setup-{i}", Text = "Load test message" },
                    headers);
                conversationIds.TryAdd(ack.ConversationId, true);
            }
        });
        await Task.WhenAll(workers);
        return conversationIds.Count;
    }

    private double Add(string scenario, string setting, List<RunResult> runs, string versus)
    {
        var throughput = IngestScenario.Median(runs.Select(r => r.Throughput));
        report.Add(
            scenario,
            setting,
            throughput.ToString("0", CultureInfo.InvariantCulture),
            Report.Ms(IngestScenario.Median(runs.Select(r => r.P50))),
            Report.Ms(IngestScenario.Median(runs.Select(r => r.P99))),
            versus);
        return throughput;
    }
}
