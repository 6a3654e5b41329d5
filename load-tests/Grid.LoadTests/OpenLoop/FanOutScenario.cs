using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grid.Protos.V1;
using Grpc.Core;

namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// B5 (<c>--scenario fanout</c>, docs/benchmarks.md): <c>--customers</c> (100,000) directory customers tagged for this run
/// are imported first (not timed; 10,000 per call), the ordinary open-loop load runs alone at <c>--rate</c> for
/// <c>--seconds</c> (the baseline), then an incident over them is opened while the same load runs again: measured from
/// the opening, (a) the time until every push is durably in the outbox (the incident's progress counts every delivery,
/// written in the same transaction as its push's outbox row), (b) the time until an outbound stream of the integrator
/// (Receive, acked as it reads) has received them all, (c) the inbound posts' p99 during the fan-out against the
/// baseline's, and (d) the time until the linker recorded every push in its conversation (<c>grid_proactive_linked_total</c>
/// on the host's /metrics), waited for at most <c>--link-wait</c> seconds (600).
/// </summary>
public sealed class FanOutScenario(DriverOptions options)
{
    private const int ImportChunk = 10_000;

    public async Task<int> RunAsync()
    {
        var report = new BenchReport();
        var rate = options.Number("rate", 100);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var size = options.Int("customers", 100_000);
        var integrator = options.Text("integrator") ?? "demo-gateway";
        await using var session = await LoadSession.StartAsync(options, options.Agents);
        using var channel = ClosedLoop.Channel(options.GrpcUrls[0]);
        var headers = session.Targets.Headers;
        var proactive = new ProactiveService.ProactiveServiceClient(channel);
        report.Setting["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        report.Setting["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; load generator on the same machine";
        report.Setting["workload"] = $"{size:N0} customers (SMS, consent), inbound open loop {rate:0}/s for {options.Seconds} s alone and during the fan-out, {options.Agents} agents";

        report.Runs.Add(await session.SeedAsync(options.Int("conversations", 1000), 16));
        var tag = "fanout=" + session.Run;
        var import = Stopwatch.StartNew();
        await ImportAsync(new DirectoryService.DirectoryServiceClient(channel), headers, session.Run, tag, size);
        var imported = import.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"[fanout] {size:N0} customers imported in {imported:0} s");

        await session.OpenAsync("warmup", rate, TimeSpan.FromSeconds(2));
        var alone = await session.OpenAsync("inbound-alone", rate, duration);
        report.Runs.Add(alone);

        using var metrics = new HttpClient();
        var metricsUrl = options.Text("metrics") ?? session.Targets.HubUrls[0].TrimEnd('/') + "/metrics";
        var linkedBefore = await LinkedAsync(metrics, metricsUrl);
        using var stop = new CancellationTokenSource();
        var incidentPrefix = "";
        var streamed = new StreamCount();
        // --stream false leaves the outbox unread: the fan-out's cost without the stream's (a diagnosis, not B5).
        var stream = options.Text("stream") != "false";
        var consumer = stream ? ConsumeAsync(new OutboundService.OutboundServiceClient(channel), headers, () => incidentPrefix, streamed, stop.Token) : Task.CompletedTask;

        var started = Stopwatch.GetTimestamp();
        var during = session.OpenAsync("inbound-during-fanout", rate, duration);
        var opened = await proactive.OpenIncidentAsync(Incident(session.Run, tag, integrator), headers);
        incidentPrefix = "push/" + opened.IncidentId + "/";
        double durable = double.NaN, received = double.NaN, linked = double.NaN;
        var deadline = TimeSpan.FromSeconds(options.Int("link-wait", 600));
        while (Stopwatch.GetElapsedTime(started) < deadline && (double.IsNaN(durable) || (stream && double.IsNaN(received)) || double.IsNaN(linked)))
        {
            var now = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (double.IsNaN(durable) && (await proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = opened.IncidentId }, headers)).Messages[0] is { } m
                && m.Targeted == size)
            {
                durable = now;
                Console.Error.WriteLine($"[fanout] {m.Targeted:N0} deliveries ({m.Queued + m.Sent + m.Delivered:N0} pushes) durable after {durable:0.0} s");
            }

            if (double.IsNaN(received) && streamed.Count >= size)
            {
                received = now;
                Console.Error.WriteLine($"[fanout] {streamed.Count:N0} pushes received by the outbound stream after {received:0.0} s");
            }

            if (double.IsNaN(linked) && await LinkedAsync(metrics, metricsUrl) - linkedBefore >= size)
            {
                linked = now;
                Console.Error.WriteLine($"[fanout] every push linked into its conversation after {linked:0.0} s");
            }

            await Task.Delay(100);
        }

        var inbound = await during;
        report.Runs.Add(inbound);
        await stop.CancelAsync();
        await consumer;

        report.Add(new Figure("B5", $"fan-out to {size:N0} customers durably in the outbox", durable, "s", null, null, null, "≤ 20 s", double.IsNaN(durable) ? false : durable <= 20,
            $"one transaction per batch of deliveries and outbox rows; import of the customers before: {imported:0} s, not counted"));
        report.Add(new Figure("B5", $"fan-out to {size:N0} customers received by an outbound stream", received, "s", null, null, null, "–", null,
            $"{streamed.Count:N0} distinct pushes received (Receive, acked every 50 ms), {streamed.Duplicates} received again"));
        report.Add(new Figure("B5", $"inbound p99 during the fan-out, open loop {rate:0}/s", inbound.Ingest.P99, "ms", "the same load alone", alone.Ingest.P99,
            inbound.Ingest.P99 / alone.Ingest.P99, "≤ 2×", inbound.Ingest.P99 / alone.Ingest.P99 <= 2,
            $"p50 {inbound.Ingest.P50:0.00} vs {alone.Ingest.P50:0.00}; {inbound.Ingest.Acknowledged} of {inbound.Ingest.Scheduled} acknowledged, {inbound.Ingest.Failed} failed"));
        report.Add(new Figure("B5", $"every push of {size:N0} linked into its customer's conversation", linked, "s", null, null, null, "–", null,
            double.IsNaN(linked) ? $"not all within {deadline.TotalSeconds:0} s" : "after the outbox: the linker, bounded concurrency"));
        report.Verification = await session.Ledger.VerifyAsync(session.Targets);
        report.Write(options.Text("out"));
        return report.Verification.Passed && !double.IsNaN(durable) ? 0 : 1;
    }

    /// <summary>The customers, in directory imports of 10,000: SMS with consent, French, tagged for this run only.</summary>
    private static async Task ImportAsync(DirectoryService.DirectoryServiceClient directory, Metadata headers, string run, string tag, int size)
    {
        for (var from = 0; from < size; from += ImportChunk)
        {
            var customers = Enumerable.Range(from, Math.Min(ImportChunk, size - from)).Select(i => new Dictionary<string, object?>
            {
                ["id"] = $"fo-{run}-{i}",
                ["name"] = "Fan-out " + i.ToString(CultureInfo.InvariantCulture),
                ["tags"] = new[] { tag },
                ["language"] = "fr",
                ["consent"] = new[] { "sms" },
                ["contacts"] = new[] { new Dictionary<string, string> { ["name"] = "Fan-out", ["phone"] = "+337" + (20_000_000 + i).ToString(CultureInfo.InvariantCulture) } },
            });
            var answer = await directory.ImportDirectoryAsync(
                new ImportDirectoryRequest { Format = "json", Document = JsonSerializer.Serialize(new { customers }) }, headers, deadline: DateTime.UtcNow.AddMinutes(30));
            Console.Error.WriteLine($"[fanout] imported {from + answer.Customers:N0} of {size:N0}");
        }
    }

    private static OpenIncidentRequest Incident(string run, string tag, string integrator) => new()
    {
        DedupeKey = "bench-fanout-" + run,
        Title = "Network outage",
        AlertPayload = "{\"device\":\"bench\",\"run\":\"" + run + "\"}",
        Audience = tag,
        Templates = { ["fr"] = "Panne réseau dans votre quartier, rétablissement prévu à {eta}. Inutile d'appeler." },
        Variables = { ["eta"] = "18:00" },
        Channels = { new ChannelRoute { Channel = Protos.V1.Channel.Sms, Integrator = integrator } },
    };

    /// <summary>Reads the integrator's outbound stream, counting this incident's distinct pushes; what it read is acked every 50 ms (1,000 ids a call at most).</summary>
    private static async Task ConsumeAsync(OutboundService.OutboundServiceClient outbound, Metadata headers, Func<string> prefix, StreamCount count, CancellationToken stop)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toAck = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var acker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || !toAck.IsEmpty)
            {
                var batch = new AckRequest();
                while (batch.OutboundIds.Count < 1000 && toAck.TryDequeue(out var id))
                {
                    batch.OutboundIds.Add(id);
                }

                if (batch.OutboundIds.Count > 0)
                {
                    await outbound.AckAsync(batch, headers);
                }
                else if (stop.IsCancellationRequested)
                {
                    break;
                }
                else
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }, CancellationToken.None);
        using var call = outbound.Receive(new ReceiveRequest(), headers, cancellationToken: stop);
        try
        {
            while (await call.ResponseStream.MoveNext(stop))
            {
                var message = call.ResponseStream.Current;
                var current = prefix();
                if (current.Length > 0 && message.OutboundId.StartsWith(current, StringComparison.Ordinal))
                {
                    if (seen.Add(message.OutboundId))
                    {
                        count.Count = seen.Count;
                    }
                    else
                    {
                        count.Duplicates++;
                    }
                }

                toAck.Enqueue(message.OutboundId);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
            // The measurement is over.
        }

        await acker;
    }

    /// <summary>The host's count of pushes linked into conversations (0 before any).</summary>
    private static async Task<double> LinkedAsync(HttpClient http, string url)
    {
        foreach (var line in (await http.GetStringAsync(url)).Split('\n'))
        {
            if (line.StartsWith("grid_proactive_linked_total ", StringComparison.Ordinal))
            {
                return double.Parse(line["grid_proactive_linked_total ".Length..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private sealed class StreamCount
    {
        public volatile int Count;
        public volatile int Duplicates;
    }
}
