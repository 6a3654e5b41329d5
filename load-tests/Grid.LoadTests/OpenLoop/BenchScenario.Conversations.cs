using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grid.Protos.V1;

namespace Grid.LoadTests.OpenLoop;

using Channel = Grid.Protos.V1.Channel;

/// <summary>B4 (one hot conversation), B6 (memory per idle conversation) and B7 (append cost against history depth).</summary>
public sealed partial class BenchScenario
{
    private const int IdleMessages = 20;
    private const int DepthWindow = 100;

    /// <summary>
    /// B4: <paramref name="concurrency"/> callers post to one customer (questions the bot answers, so the conversation
    /// stays open) for <paramref name="duration"/>. In order: the conversation's journal is gap-free and every
    /// acknowledged seq is distinct.
    /// </summary>
    private async Task<(double Throughput, bool InOrder)> HotConversationAsync(LoadSession session, int concurrency, TimeSpan duration, int repeat)
    {
        var customer = new Customer(Channel.Sms, "+3361" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture));
        var mine = new ConcurrentBag<Ack>();
        var result = await session.ClosedAsync($"B4-r{repeat}", concurrency, duration, () =>
            (customer, false, Workload.Request(customer, session.NextExternalId(), Workload.Question())), answer => mine.Add(new Ack(answer.ConversationId, answer.Seq, 0)));
        report.Runs.Add(result);
        var inOrder = mine.Select(a => (a.ConversationId, a.Seq)).Distinct().Count() == mine.Count;
        foreach (var conversationId in mine.Select(a => a.ConversationId).Distinct())
        {
            inOrder &= await GapFreeAsync(session, conversationId);
        }

        return (result.Throughput, inOrder && !mine.IsEmpty);
    }

    private static async Task<bool> GapFreeAsync(LoadSession session, string conversationId)
    {
        long expected = 1, after = 0;
        while (true)
        {
            var page = await session.Targets.Read().ListMessagesAsync(
                new ListMessagesRequest { ConversationId = conversationId, AfterSeq = after, Limit = 500 }, session.Targets.Headers);
            foreach (var entry in page.Entries)
            {
                if (entry.Seq != expected++)
                {
                    Console.Error.WriteLine($"[B4] {conversationId}: seq {entry.Seq} where {expected - 1} was expected");
                    return false;
                }
            }

            if (!page.HasMore)
            {
                return true;
            }

            after = page.NextAfterSeq;
        }
    }

    /// <summary>
    /// B6: the host's memory (its <c>/metrics</c>: GC heap and working set) before and after <c>--idle</c> new
    /// conversations of <see cref="IdleMessages"/> messages each (questions the bot answers), left idle 5 s; the
    /// difference per conversation. The heap is read without forcing a collection, so garbage not yet collected counts:
    /// an upper bound.
    /// </summary>
    private async Task MemoryAsync(LoadSession session)
    {
        var count = options.Int("idle", 2000);
        var metrics = options.Text("metrics") ?? session.Targets.HubUrls[0].TrimEnd('/') + "/metrics";
        using var http = new HttpClient();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await MemoryAsync(http, metrics);
        var idle = Enumerable.Range(0, count).Select(_ => session.Workload.NewCustomer()).ToArray();
        var sent = -1L;
        var total = (long)count * IdleMessages;
        report.Runs.Add(await session.ClosedAsync("B6-fill", 32, TimeSpan.MaxValue, () =>
        {
            var n = Interlocked.Increment(ref sent);
            return n >= total ? null : (idle[n % count], n < count, Workload.Request(idle[n % count], session.NextExternalId(), Workload.Question()));
        }));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = await MemoryAsync(http, metrics);
        var heap = (after.Heap - before.Heap) / count / 1024;
        var rss = (after.WorkingSet - before.WorkingSet) / count / 1024;
        report.Runs.Add(new { label = "B6", count, before, after });
        report.Add(new Figure("B6", $"memory per idle conversation with its last {IdleMessages} messages (GC heap growth)", heap, "KB", null, null, null, "≤ 8 KB", heap <= 8,
            $"{count:N0} conversations (scaled down from 200,000: --idle); working set {rss:0.0} KB each; heap read without a forced collection: an upper bound"));
    }

    private static async Task<(double Heap, double WorkingSet)> MemoryAsync(HttpClient http, string url)
    {
        var text = await http.GetStringAsync(url);
        double Gauge(string name) => text.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NaN).First();
        return (Gauge("dotnet_total_memory_bytes"), Gauge("process_working_set_bytes"));
    }

    /// <summary>
    /// B7: one conversation (questions the bot answers): <see cref="DepthWindow"/> appends one at a time after 10, then
    /// grown by 16 callers to <c>--depth</c> messages, then <see cref="DepthWindow"/> appends one at a time again; the
    /// median latency of the late window over the early one's.
    /// </summary>
    private async Task DepthAsync(LoadSession session)
    {
        var depth = Math.Max(options.Depth, (DepthWindow * 2) + 10);
        var customer = new Customer(Channel.Sms, "+3362" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture));
        var posted = 0L;
        async Task<double[]> OneAtATimeAsync(int n)
        {
            var latencies = new double[n];
            for (var i = 0; i < n; i++, posted++)
            {
                var request = Workload.Request(customer, session.NextExternalId(), Workload.Question());
                var started = Stopwatch.GetTimestamp();
                var answer = await session.Targets.Ingest().PostInboundAsync(request, session.Targets.Headers);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                session.Acknowledged(customer, posted == 0, request, answer, started);
            }

            return latencies;
        }

        var early = (await OneAtATimeAsync(10 + DepthWindow)).Skip(10).ToArray();
        var grow = depth - DepthWindow - posted;
        var left = grow;
        report.Runs.Add(await session.ClosedAsync("B7-grow", 16, TimeSpan.MaxValue, () =>
            Interlocked.Decrement(ref left) < 0 ? null : (customer, false, Workload.Request(customer, session.NextExternalId(), Workload.Question()))));
        posted += grow;
        var late = await OneAtATimeAsync(DepthWindow);
        var (e, l) = (Median(early), Median(late));
        report.Runs.Add(new { label = "B7", depth, early, late });
        report.Add(new Figure("B7", $"append at {depth:N0} messages of history ÷ at 10 (median, one at a time)", l, "ms", "at 10", e, l / e, "≤ 1.2×", l / e <= 1.2,
            depth < 100_000 ? $"{depth:N0} messages (the target's 100,000: --depth 100000)" : ""));
    }
}
