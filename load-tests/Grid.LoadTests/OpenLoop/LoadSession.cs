using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Protos.V1;
using Grpc.Core;
using HdrHistogram;

namespace Grid.LoadTests.OpenLoop;

/// <summary>Latencies in ms of one set of measurements (p50, p99, p99.9, count).</summary>
public sealed record Latency(long Count, double P50, double P99, double P999)
{
    public static Latency Of(IEnumerable<long> ticks)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(2), 3);
        foreach (var t in ticks)
        {
            histogram.RecordValue(Math.Clamp(t, 1, TimeStamp.Minutes(2)));
        }

        double Ms(double p) => histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        return new Latency(histogram.TotalCount, Ms(50), Ms(99), Ms(99.9));
    }
}

/// <summary>A closed-loop run: throughput and latencies (ms) of each call from its start.</summary>
public sealed record ClosedResult(string Label, int Concurrency, double Seconds, long Acknowledged, long Failed, double Throughput, double P50, double P99);

/// <summary>An open-loop run of the mixed workload and what the agents saw of it.</summary>
public sealed record OpenRun(OpenLoopResult Ingest, Latency PostedToAgent, Latency Handoff, long Offers, long AgentReplies, long Resolved, long AgentCallsRefused);

/// <summary>
/// The parts a run of the open-loop driver shares: the targets, the workload and its customers, the ledger of every
/// acknowledged message (read back at the end), and the agents.
/// </summary>
public sealed class LoadSession(DriverOptions options, Targets targets, AgentPool agents, Workload workload) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Customer> customers = new(StringComparer.Ordinal);
    private long next;

    public Targets Targets => targets;

    public AgentPool Agents => agents;

    public Workload Workload => workload;

    public Ledger Ledger { get; } = new();

    public string Run { get; } = Guid.NewGuid().ToString("N")[..10];

    public static async Task<LoadSession> StartAsync(DriverOptions options, int agentCount)
    {
        var targets = new Targets(options);
        var agents = await AgentPool.ConnectAsync(
            targets.HubUrls, options.SigningKey, agentCount, TimeSpan.FromMilliseconds(options.Int("think-ms", 300)), options.Int("replies", 2),
            TimeSpan.FromMilliseconds(options.Int("hold-ms", 5000)), options.Text("tenant") ?? "demo");
        LoadSession? session = null;
        var workload = new Workload(Guid.NewGuid().ToString("N")[..6], options.Number("new-share", 0.2))
        {
            HeldCustomer = () => session!.Agents.AnyHeldCustomer(),
            PersonShare = options.Number("person-share", 0.02),
        };
        session = new LoadSession(options, targets, agents, workload);
        agents.CustomerOf = id => session.customers.GetValueOrDefault(id);
        return session;
    }

    public DriverOptions Options => options;

    public string NextExternalId() => $"{Run}-{Interlocked.Increment(ref next)}";

    /// <summary>Records an acknowledgement: the ledger, the conversation's customer, a new customer joins the returning pool.</summary>
    public void Acknowledged(Customer customer, bool isNew, PostInboundRequest request, PostInboundResponse answer, long due)
    {
        Ledger.Record(request.ExternalId, answer, due);
        if (customers.TryAdd(answer.ConversationId, customer) && isNew)
        {
            workload.Remember(customer);
        }
    }

    /// <summary>Creates <paramref name="count"/> customers (one message each, a channel from the mix), <paramref name="concurrency"/> at a time.</summary>
    public async Task<ClosedResult> SeedAsync(int count, int concurrency)
    {
        var created = -1L;
        return await ClosedAsync("seed", concurrency, TimeSpan.MaxValue, () =>
        {
            if (Interlocked.Increment(ref created) >= count)
            {
                return null;
            }

            var customer = workload.NewCustomer();
            return (customer, true, Workload.Request(customer, NextExternalId(), "Bonjour"));
        });
    }

    /// <summary>
    /// A closed loop: <paramref name="concurrency"/> callers each post <paramref name="post"/>'s next message when the
    /// previous one is answered, until <paramref name="duration"/> ends or <paramref name="post"/> returns null;
    /// <paramref name="answered"/> is told of each answer.
    /// </summary>
    public async Task<ClosedResult> ClosedAsync(
        string label, int concurrency, TimeSpan duration, Func<(Customer, bool, PostInboundRequest)?> post, Action<PostInboundResponse>? answered = null)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Minutes(2), 3);
        long acks = 0, failed = 0;
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        using (OpenLoopRunner.Progress(label, 0, start, () => (acks, failed, concurrency, histogram)))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (clock.Elapsed < duration && post() is { } item)
                {
                    var (customer, isNew, request) = item;
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var answer = await targets.Ingest().PostInboundAsync(request, targets.Headers);
                        histogram.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - started));
                        Interlocked.Increment(ref acks);
                        Acknowledged(customer, isNew, request, answer, started);
                        answered?.Invoke(answer);
                    }
                    catch (RpcException ex)
                    {
                        Interlocked.Increment(ref failed);
                        Console.Error.WriteLine($"[{label}] {ex.StatusCode}: {ex.Status.Detail}");
                    }
                }
            }));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        double Ms(double p) => histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        var result = new ClosedResult(label, concurrency, seconds, acks, failed, acks / seconds, Ms(50), Ms(99));
        Console.Error.WriteLine($"{(Console.IsErrorRedirected ? "" : Environment.NewLine)}[{label}] {acks} acknowledged, {failed} failed, {result.Throughput:0}/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms");
        return result;
    }

    /// <summary>
    /// The mixed workload in the open loop at <paramref name="rate"/> for <paramref name="duration"/>; then (after the
    /// pushes settle) each acknowledged message of a conversation an agent held is joined with its arrival on the
    /// agent's socket: posted (scheduled time) → agent received.
    /// </summary>
    public async Task<OpenRun> OpenAsync(string label, double rate, TimeSpan duration)
    {
        agents.TakeHandoffs();
        var (offers, replies, resolved, refused) = (agents.Offers, agents.Replies, agents.Resolved, agents.Refused);
        var run = new ConcurrentBag<Ack>();
        var posts = new ConcurrentDictionary<string, (Customer Customer, bool IsNew)>(StringComparer.Ordinal);
        var ingest = await OpenLoopRunner.RunAsync(label, rate, duration, targets.Headers, _ =>
        {
            var (customer, isNew, request) = workload.Next(NextExternalId());
            posts[request.ExternalId] = (customer, isNew);
            return (targets.Ingest(), request);
        }, (request, answer, due) =>
        {
            posts.TryRemove(request.ExternalId, out var post);
            Acknowledged(post.Customer, post.IsNew, request, answer, due);
            run.Add(new Ack(answer.ConversationId, answer.Seq, due));
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.Error.WriteLine($"[{label}] agents: {agents.Offers - offers} offers, {agents.Replies - replies} replies, {agents.Resolved - resolved} resolved, {agents.Refused - refused} calls failed, {agents.Held} conversations held");
        var toAgent = run.Select(a => agents.TryGetArrival(a.ConversationId, a.Seq, out var at) ? at - a.Due : -1).Where(t => t >= 0);
        return new OpenRun(
            ingest, Latency.Of(toAgent), Latency.Of(agents.TakeHandoffs()),
            agents.Offers - offers, agents.Replies - replies, agents.Resolved - resolved, agents.Refused - refused);
    }

    public async ValueTask DisposeAsync()
    {
        await agents.DisposeAsync();
        targets.Dispose();
    }
}
