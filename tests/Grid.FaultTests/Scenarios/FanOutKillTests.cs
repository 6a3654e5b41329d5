using System.Diagnostics;
using System.Text.Json;
using Grid.FaultTests.Harness;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

using Channel = Grid.Protos.V1.Channel;

/// <summary>
/// Scenario 5 (issue 18): an incident over a few thousand customers imported through the directory, on the two-silo
/// PostgreSQL cluster; once part of the audience has been pushed to, the silo hosting the incident grain (found by its
/// log line naming the incident) is SIGKILLed, then replaced. The fan-out resumes on the other silo and finishes; then
/// PostgreSQL's outbox rows, the incident's delivery rows and the integrator's outbound stream are counted per customer:
/// every eligible customer exactly one push, none missing, none twice; the unsubscribed none; delivery rows agree with
/// the outbox (same outbound id) and with GetIncident's progress.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class FanOutKillTests(TwoSiloClusterFixture fixture, ITestOutputHelper output)
{
    private const int Size = 2000;

    [Fact]
    public async Task A_silo_killed_mid_fan_out_leaves_every_eligible_customer_pushed_exactly_once()
    {
        var cluster = fixture.Cluster;
        var edges = cluster.Proactive;
        var run = Guid.NewGuid().ToString("N")[..6];
        var customers = Enumerable.Range(0, Size).Select(i => new Dictionary<string, object?>
        {
            ["id"] = $"K{run}-{i:0000}", ["name"] = "Tenant " + i, ["tags"] = new[] { "outage=" + run }, ["language"] = "fr",
            ["consent"] = new[] { "sms" }, ["unsubscribed"] = i % 10 == 0,
            ["contacts"] = new[] { new Dictionary<string, string> { ["name"] = "Tenant", ["phone"] = Phone(i) } },
        }).ToList();
        var eligible = customers.Where(c => !(bool)c["unsubscribed"]!).Select(c => (string)c["id"]!).ToHashSet();
        var clock = Stopwatch.StartNew();
        var imported = await edges[0].Directory.ImportDirectoryAsync(
            new ImportDirectoryRequest { Format = "json", Document = JsonSerializer.Serialize(new { customers }) }, edges[0].Headers);
        Assert.Equal(Size, imported.Customers);
        output.WriteLine($"{Size} customers imported in {clock.Elapsed.TotalSeconds:F1} s");

        await using var stream = new OutboundCollector(edges);
        var request = new OpenIncidentRequest
        {
            DedupeKey = "outage-" + run, Title = "Water cut", AlertPayload = "{\"sensor\":\"" + run + "\"}", Audience = "outage=" + run, Urgent = true,
            Templates = { ["fr"] = "Coupure d'eau en cours, rétablissement prévu à {eta}. Inutile d'appeler." },
            Variables = { ["eta"] = "17:00" },
            Channels = { new ChannelRoute { Channel = Channel.Sms, Integrator = FaultCluster.ProactiveIntegrator } },
        };
        clock.Restart();
        var opened = await edges[0].Proactive.OpenIncidentAsync(request, edges[0].Headers);
        var id = opened.IncidentId;

        // Mid-fan-out: once a fifth of the audience went through, the incident grain's silo is SIGKILLed.
        var before = (await WaitAsync(edges, id, p => p.Targeted >= Size / 5)).Messages[0];
        Assert.False(before.Done, $"the fan-out ended before the kill ({before.Targeted} of {Size} at {clock.Elapsed.TotalSeconds:F1} s): make the audience larger");
        var hosts = cluster.SilosWhoseLogsMention(id);
        Assert.True(hosts.Count == 1, $"one silo should have logged incident {id} (its grain's host, the line saying it opened); {hosts.Count} did");
        var host = hosts[0];
        await cluster.KillSiloAsync(host);
        var killedAt = clock.Elapsed;
        output.WriteLine($"silo {host} (hosting {id}) SIGKILLed at {killedAt.TotalSeconds:F1} s, {before.Targeted} of {Size} targeted");

        var done = await WaitAsync(edges, id, p => p.Done);
        var finishedAt = clock.Elapsed;
        await cluster.ReplaceSiloAsync(host);
        output.WriteLine($"fan-out done at {finishedAt.TotalSeconds:F1} s ({(finishedAt - killedAt).TotalSeconds:F1} s after the kill); silo {host} replaced at {clock.Elapsed.TotalSeconds:F1} s");

        var pushed = await stream.WaitForAsync(m => m.Author == "incident:" + id, eligible.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // copies that were on their way
        var outbox = await IncidentLedger.PushesAsync(cluster, FaultCluster.ProactiveTenant, id);
        var deliveries = await IncidentLedger.DeliveriesAsync(cluster, FaultCluster.ProactiveTenant, id);
        var streamed = stream.Messages.Values.Where(m => m.Author == "incident:" + id).ToList();

        var problems = new List<string>();
        Check(problems, "outbox rows", eligible, outbox.Select(r => (r.CustomerId, r.OutboundId)));
        Check(problems, "outbound stream", eligible, streamed.Select(m => (m.CustomerId, m.OutboundId)));
        problems.AddRange(outbox.Where(r => r.To != Phone(Index(r.CustomerId)) || r.Integrator != FaultCluster.ProactiveIntegrator)
            .Select(r => $"{r.OutboundId} for {r.CustomerId} goes to {r.To} through {r.Integrator}"));
        var byOutbound = outbox.ToDictionary(r => r.OutboundId);
        var sent = deliveries.Where(d => d.State is "queued" or "sent" or "delivered").ToList();
        problems.AddRange(sent.Where(d => d.OutboundId is null || !byOutbound.TryGetValue(d.OutboundId, out var row) || row.CustomerId != d.CustomerId)
            .Select(d => $"delivery of {d.CustomerId} names {d.OutboundId}, not its outbox row"));
        problems.AddRange(deliveries.GroupBy(d => (d.MessageNo, d.CustomerId)).Where(g => g.Count() > 1).Select(g => $"{g.Key.CustomerId}: {g.Count()} delivery rows"));
        var skipped = deliveries.Where(d => d.State == "skipped").ToList();

        var progress = done.Messages[0];
        output.WriteLine($"""
            audience {Size}, eligible {eligible.Count}; progress: targeted {progress.Targeted}, queued+sent+delivered {progress.Queued + progress.Sent + progress.Delivered}, skipped {string.Join(", ", progress.Skipped.Select(s => $"{s.Key} {s.Value}"))}
            outbox rows {outbox.Count} ({outbox.Select(r => r.CustomerId).Distinct().Count()} customers); delivery rows {deliveries.Count} (pushed {sent.Count}, skipped {skipped.Count})
            outbound stream: {streamed.Count} distinct pushes of {pushed} awaited, {stream.Received} messages received in all, stream reopened {stream.Reopened} times
            problems: {problems.Count}
            {string.Join("\n", problems.Take(20))}
            """);
        Assert.Empty(problems);
        Assert.Equal((Size, eligible.Count, Size - eligible.Count), (deliveries.Count, sent.Count, skipped.Count));
        Assert.All(skipped, d => Assert.Equal("unsubscribed", d.Reason));
        Assert.Equal((Size, eligible.Count), (progress.Targeted, progress.Queued + progress.Sent + progress.Delivered));
        Assert.Equal(Size - eligible.Count, progress.Skipped["unsubscribed"]);
    }

    private static string Phone(int i) => "+3361" + (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Index(string customerId) => int.Parse(customerId[(customerId.IndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each eligible customer exactly one distinct outbound id in <paramref name="pushes"/>; none for anyone else.</summary>
    private static void Check(List<string> problems, string where, IReadOnlySet<string> eligible, IEnumerable<(string CustomerId, string OutboundId)> pushes)
    {
        var byCustomer = pushes.Distinct().GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Select(p => p.OutboundId).ToList());
        problems.AddRange(eligible.Where(c => !byCustomer.ContainsKey(c)).Select(c => $"{where}: {c} missing"));
        problems.AddRange(byCustomer.Where(c => c.Value.Count > 1).Select(c => $"{where}: {c.Key} pushed {c.Value.Count} times ({string.Join(", ", c.Value)})"));
        problems.AddRange(byCustomer.Keys.Where(c => !eligible.Contains(c)).Select(c => $"{where}: {c} is not eligible but was pushed"));
    }

    /// <summary>Polls GetIncident (through either edge, retrying while the cluster answers UNAVAILABLE or DEADLINE_EXCEEDED) until the opening message's progress satisfies <paramref name="until"/>.</summary>
    private async Task<Incident> WaitAsync(IReadOnlyList<IntegratorClient> edges, string id, Func<IncidentMessageProgress, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        Incident? last = null;
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            var edge = edges[attempt % edges.Count];
            try
            {
                last = await edge.Proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = id }, edge.Headers, deadline: DateTime.UtcNow.AddSeconds(5));
                if (until(last.Messages[0]))
                {
                    return last;
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                output.WriteLine($"GetIncident: {e.StatusCode} (retried)");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"incident {id} did not get there in 90 s; last seen: {last}\n{fixture.Cluster.Tails()}");
    }
}
