using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grid.Edge;
using Grid.Edge.Agents;
using Grid.Edge.Auth;
using Grid.Protos.V1;
using Grpc.Core;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.LoadTests;

/// <summary>
/// The handoff's latency (docs/architecture.md, "Escalation and handoffs"): customers who ask for a person arrive at a
/// fixed rate (open loop: each post is sent at its scheduled time, whether or not earlier ones were answered), and
/// agents connected to the real hub accept and resolve what they are offered. Two latencies per offer: from the
/// escalation's journal time (carried in the offer's context) to the offer's arrival on the agent's socket (the
/// handoff itself: the queue, the offer's commit, the context package and the push), and from the post's scheduled
/// time to that arrival (the customer's whole wait for an agent to see them). Same machine, same clock. Reported
/// with the same run's PostInbound round trip as the baseline.
/// </summary>
public sealed class HandoffScenario(DriverOptions options, Report report)
{
    private static readonly string[] Requests =
    [
        "bonjour je voudrais parler à un conseiller svp",
        "je veux parler a quelqu'un",
        "can I talk to a real person please",
        "I'd like to speak to an agent",
    ];

    public async Task RunAsync()
    {
        using var channel = ClosedLoop.Channel(options.GrpcUrl);
        var client = new IngestService.IngestServiceClient(channel);
        var headers = new Metadata { { "x-api-key", options.ApiKey } };
        var auth = new AuthOptions { SigningKey = options.SigningKey };
        var agents = new List<Agent>();
        try
        {
            for (var i = 0; i < options.Agents; i++)
            {
                agents.Add(await Agent.ConnectAsync(options.HttpUrl, AgentTokens.Mint(auth, "demo", $"load-agent-{i}", $"Load {i}", "agent", TimeSpan.FromHours(2))));
            }

            await RunRateAsync(client, headers, agents, 2, TimeSpan.FromSeconds(3), "warmup");
            var runs = options.Rates.ToDictionary(r => r, _ => new List<HandoffResult>());
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                foreach (var rate in options.Rates)
                {
                    runs[rate].Add(await RunRateAsync(client, headers, agents, rate, TimeSpan.FromSeconds(options.Seconds), $"r{repeat}"));
                }
            }

            foreach (var (rate, results) in runs)
            {
                var post = IngestScenario.Median(results.Select(r => r.PostP50));
                var handoff99 = IngestScenario.Median(results.Select(r => r.HandoffP99));
                report.Add(
                    "handoff: escalation decided → offer on the agent's socket",
                    $"{rate}/s, {options.Agents} agents",
                    IngestScenario.Median(results.Select(r => r.Offered)).ToString("0.0", CultureInfo.InvariantCulture) + " offers",
                    Report.Ms(IngestScenario.Median(results.Select(r => r.HandoffP50))),
                    Report.Ms(handoff99) + $" (p99.9 {Report.Ms(IngestScenario.Median(results.Select(r => r.HandoffP999)))})",
                    Report.Ratio(handoff99 / post) + " the PostInbound p50");
                report.Add(
                    "handoff: customer's post → offer on the agent's socket",
                    $"{rate}/s, {options.Agents} agents",
                    $"{IngestScenario.Median(results.Select(r => r.Missing)):0} of {IngestScenario.Median(results.Select(r => r.Posted)):0} not offered",
                    Report.Ms(IngestScenario.Median(results.Select(r => r.EndToEndP50))),
                    Report.Ms(IngestScenario.Median(results.Select(r => r.EndToEndP99))),
                    $"PostInbound p50 {Report.Ms(post)}");
            }
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    private static async Task<HandoffResult> RunRateAsync(
        IngestService.IngestServiceClient client, Metadata headers, List<Agent> agents, int rate, TimeSpan duration, string run)
    {
        var handoff = new LongHistogram(TimeStamp.Minutes(1), 3);
        var endToEnd = new LongHistogram(TimeStamp.Minutes(1), 3);
        var posts = new LongHistogram(TimeStamp.Minutes(1), 3);
        var scheduled = new ConcurrentDictionary<string, long>(StringComparer.Ordinal); // conversation → post's scheduled timestamp
        var arrivals = new ConcurrentDictionary<string, (long ReceivedAt, long? Handoff)>(StringComparer.Ordinal); // first offer only
        foreach (var agent in agents)
        {
            // An offer may arrive before its post is answered: arrivals and posts are joined at the end.
            agent.OnOffer = (offer, receivedAt, nowWall) => arrivals.TryAdd(offer.Conversation.ConversationId, (receivedAt,
                offer.Context?.EscalatedAt is { } escalatedAt ? Math.Max(0, (long)((nowWall - escalatedAt).TotalSeconds * Stopwatch.Frequency)) : null));
        }

        var prefix = $"{run}-{rate}-{Guid.NewGuid():N}"[..24];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var total = (int)(rate * duration.TotalSeconds);
        var pending = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var sender = "+3398" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            var request = new PostInboundRequest
            {
                Channel = Protos.V1.Channel.Sms,
                Sender = sender,
                ExternalId = $"{prefix}-{i}",
                Text = Requests[i % Requests.Length],
            };
            pending.Add(PostAsync(client, headers, request, due, scheduled, posts));
        }

        await Task.WhenAll(pending);
        var settle = Stopwatch.StartNew();
        while (scheduled.Keys.Any(id => !arrivals.ContainsKey(id)) && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        var (offered, missing) = (0, 0);
        foreach (var (conversationId, due) in scheduled)
        {
            if (!arrivals.TryGetValue(conversationId, out var arrival))
            {
                missing++;
                continue;
            }

            offered++;
            endToEnd.RecordValue(Math.Max(0, arrival.ReceivedAt - due));
            if (arrival.Handoff is { } ticks)
            {
                handoff.RecordValue(ticks);
            }
        }

        double Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        Console.Error.WriteLine($"{run} handoff {rate}/s: {offered} offered, {missing} not offered, p99 {Ms(handoff, 99):0.00} ms");
        return new HandoffResult(total, offered, missing, Ms(handoff, 50), Ms(handoff, 99), Ms(handoff, 99.9), Ms(endToEnd, 50), Ms(endToEnd, 99), Ms(posts, 50));
    }

    private static async Task PostAsync(
        IngestService.IngestServiceClient client, Metadata headers, PostInboundRequest request, long due, ConcurrentDictionary<string, long> scheduled, LongHistogram posts)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await client.PostInboundAsync(request, headers);
        lock (posts)
        {
            posts.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        scheduled.TryAdd(answer.ConversationId, due);
    }

    private readonly record struct HandoffResult(
        double Posted, double Offered, double Missing, double HandoffP50, double HandoffP99, double HandoffP999, double EndToEndP50, double EndToEndP99, double PostP50);

    /// <summary>One agent's hub connection: records each offer's arrival, then accepts and resolves it in turn.</summary>
    private sealed class Agent : IAsyncDisposable
    {
        private readonly HubConnection hub;
        private readonly System.Threading.Channels.Channel<string> work = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly Task worker;

        private Agent(HubConnection hub)
        {
            this.hub = hub;
            hub.On<OfferDto>(nameof(IAgentClient.ReceiveOffer), offer =>
            {
                OnOffer?.Invoke(offer, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                work.Writer.TryWrite(offer.Conversation.ConversationId);
            });
            worker = Task.Run(WorkAsync);
        }

        public Action<OfferDto, long, DateTimeOffset>? OnOffer { get; set; }

        public static async Task<Agent> ConnectAsync(string httpUrl, string token)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl($"{httpUrl.TrimEnd('/')}{AgentHub.Path}", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var agent = new Agent(hub);
            await hub.StartAsync();
            await hub.InvokeAsync<AgentDto>("SetPresence", "Available");
            return agent;
        }

        public async ValueTask DisposeAsync()
        {
            work.Writer.TryComplete();
            await worker;
            await hub.DisposeAsync();
        }

        private async Task WorkAsync()
        {
            await foreach (var conversationId in work.Reader.ReadAllAsync())
            {
                try
                {
                    await hub.InvokeAsync<ConversationDto>("Accept", conversationId);
                    await hub.InvokeAsync("Resolve", conversationId, "load test");
                }
                catch (Exception ex) when (ex is HubException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"agent action on {conversationId} refused: {ex.Message}");
                }
            }
        }
    }
}
