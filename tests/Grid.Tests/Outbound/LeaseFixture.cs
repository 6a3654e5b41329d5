using System.Collections.Concurrent;
using Grid.Tests.Infrastructure;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Outbound;

using Channel = Grid.Protos.V1.Channel;
using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>
/// A host of its own for the competing-consumer tests: a lease time short enough to watch one expire, a small window per
/// stream, a rate limit on one integrator's SMS, and one tenant per test with an every-scope integrator "{tenant}-all".
/// </summary>
public sealed class LeaseFixture : IAsyncLifetime
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(8);
    public const int Window = 100;
    public const double SmsPerSecond = 20;
    public const string RateTenant = "lease-rate";

    private static readonly string[] Tenants = ["lease-share", "lease-stuck", "lease-kill", RateTenant];

    public EmbeddedGrid Grid { get; } = new();

    public Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Grid__Outbound__RedeliverAfter"] = LeaseTime.ToString(),
            ["Grid__Outbound__MaxLeasedPerStream"] = Window.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Grid__Outbound__RateLimits__{RateTenant}-all__sms"] = SmsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var tenant in Tenants)
        {
            AddIntegrator(settings, tenant, Grid.Keys.ApiKeyFor(tenant));
        }

        return Grid.StartAsync(settings);
    }

    /// <summary>Configures integrator "{tenant}-all" of <paramref name="tenant"/> with the outbound, admin and proactive scopes.</summary>
    public static void AddIntegrator(Dictionary<string, string> settings, string tenant, string apiKey)
    {
        settings[$"Grid__Integrators__{tenant}-all__Tenant"] = tenant;
        settings[$"Grid__Integrators__{tenant}-all__ApiKey"] = apiKey;
        foreach (var (scope, i) in new[] { "outbound", "admin", "proactive" }.Select((s, i) => (s, i)))
        {
            settings[$"Grid__Integrators__{tenant}-all__Scopes__{i}"] = scope;
        }
    }

    public async Task DisposeAsync() => await Grid.DisposeAsync();

    /// <summary>Imports <paramref name="count"/> customers of building 1 reachable by SMS, in calls of 1,000.</summary>
    public static async Task ImportAudienceAsync(IntegratorClient admin, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1000))
        {
            await ImportAsync(admin, chunk.Select(i => Customer($"C-{i:00000}", ["building=1"], ["sms"], phone: "+336" + (20_000_000 + i))));
        }
    }

    /// <summary>Opens an incident over building 1 on the tenant's integrator; returns its id once every push is in the outbox.</summary>
    public static async Task<string> PushAsync(IntegratorClient admin, string tenant, string dedupe)
    {
        var opened = await admin.Proactive.OpenIncidentAsync(Incident(tenant, dedupe, "building=1", (Channel.Sms, tenant + "-all")), admin.Headers);
        await DoneAsync(admin, opened.IncidentId, 1);
        return opened.IncidentId;
    }

    /// <summary>The value of an unlabelled (or fully labelled) series on the host's /metrics, 0 when absent.</summary>
    public async Task<double> MetricAsync(string series)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One integrator instance reading its outbound stream: records every message it receives (repeats included, with the
/// time), and acknowledges in batches of up to 50 unless told not to.
/// </summary>
public sealed class StreamConsumer : IAsyncDisposable
{
    private readonly IntegratorClient client;
    private readonly OutboundStream stream;
    private readonly bool acknowledges;
    private readonly CancellationTokenSource stop = new();
    private readonly Task run;
    private int acknowledged;

    public StreamConsumer(IntegratorClient client, bool acknowledges = true)
    {
        this.client = client;
        this.acknowledges = acknowledges;
        stream = client.OpenOutbound();
        run = Task.Run(RunAsync);
    }

    public ConcurrentQueue<(DateTime At, OutboundMessage Message)> Received { get; } = new();

    public int Acknowledged => Volatile.Read(ref acknowledged);

    public HashSet<string> Ids => [.. Received.Select(r => r.Message.OutboundId)];

    /// <summary>Stops reading and closes the stream (the edge gives its leases back); rethrows what failed while reading.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run;
        await stream.DisposeAsync();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            OutboundMessage? message = null;
            try
            {
                message = await stream.NextAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
                // nothing within 100 ms: acknowledge what was read
            }

            if (message is not null)
            {
                Received.Enqueue((DateTime.UtcNow, message));
                if (acknowledges)
                {
                    batch.Add(message.OutboundId);
                }
            }

            if (batch.Count >= 50 || (message is null && batch.Count > 0))
            {
                Interlocked.Add(ref acknowledged, (await client.AckAsync([.. batch])).Acknowledged);
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// Two instances of one integrator read while an incident of <paramref name="tenant"/> is pushed, until
    /// <paramref name="count"/> messages are acknowledged, then a second more for late copies; asserts that each message
    /// reached exactly one of them, was acknowledged once, and (when <paramref name="bothShare"/>) that both took a share.
    /// </summary>
    public static async Task<(StreamConsumer One, StreamConsumer Two)> ShareAsync(
        IntegratorClient admin, string tenant, string dedupe, int count, IntegratorClient first, IntegratorClient second, bool bothShare = true)
    {
        var one = new StreamConsumer(first);
        var two = new StreamConsumer(second);
        await using (one)
        await using (two)
        {
            await LeaseFixture.PushAsync(admin, tenant, dedupe);
            await UntilAsync(() => one.Acknowledged + two.Acknowledged >= count, TimeSpan.FromSeconds(120),
                () => $"one {one.Ids.Count} ({one.Acknowledged} acked), two {two.Ids.Count} ({two.Acknowledged} acked)");
            await Task.Delay(1000); // a late copy would show now
        }

        Assert.Equal(count, one.Ids.Union(two.Ids).Count());
        Assert.Empty(one.Ids.Intersect(two.Ids));
        Assert.Equal(count, one.Received.Count + two.Received.Count);
        Assert.Equal(count, one.Acknowledged + two.Acknowledged);
        Assert.True(!bothShare || (one.Ids.Count > 0 && two.Ids.Count > 0), $"both streams took a share: {one.Ids.Count} and {two.Ids.Count}");
        return (one, two);
    }

    /// <summary>Waits until <paramref name="done"/> holds, failing after <paramref name="timeout"/> with what was seen.</summary>
    public static async Task UntilAsync(Func<bool> done, TimeSpan timeout, Func<string> seen)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not done within {timeout}: {seen()}");
            }

            await Task.Delay(100);
        }
    }
}
