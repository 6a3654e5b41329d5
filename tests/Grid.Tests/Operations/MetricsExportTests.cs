using System.Text.RegularExpressions;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Operations;

using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// What a real host's /metrics exports after a conversation went through it: the families operators use, named by
/// Prometheus' conventions, none of the runtime's private diagnostics, and exemplars carrying the caller's trace id.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed partial class MetricsExportTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Families an operator's dashboard and alerts rely on, from each source.</summary>
    private static readonly string[] Expected =
    [
        "grid_ingest_latency_seconds", "grid_grpc_server_handled_total", "grid_inbound_messages_total", "grid_conversations",
        "grid_queue_wait_seconds", "grid_handoff_latency_seconds", "grid_outbound_lag_seconds", "grid_journal_commit_seconds",
        "orleans_catalog_activations", "orleans_storage_write_latency_seconds", "orleans_consistent_ring_size",
        "dotnet_gc_collections_total", "dotnet_gc_pause_time_seconds_total", "process_cpu_seconds_total", "process_start_time_seconds",
    ];

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task Metrics_follow_prometheus_conventions_without_private_diagnostics()
    {
        var scrape = await DriveAndScrapeAsync(Grid, "conventions");

        Assert.DoesNotContain(scrape.Types.Keys, n => n.StartsWith("private_internaldiagnostics", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Types.Keys, n => n.StartsWith("prometheus_net_", StringComparison.Ordinal) || n.StartsWith("microsoft_orleans_", StringComparison.Ordinal));
        Assert.All(Expected, name => Assert.True(scrape.Has(name), $"{name} is not exported"));
        Assert.All(scrape.Types, family =>
        {
            var (name, type) = family;
            Assert.Matches(SnakeCase(), name);
            // OpenMetrics names a counter's family without _total and its sample with it; the text format keeps _total.
            if (type == "counter")
            {
                Assert.False(name.EndsWith("_total", StringComparison.Ordinal) || scrape.SeriesNames.Contains(name), $"{name}: a counter's samples end in _total");
            }
            else
            {
                Assert.False(name.EndsWith("_total", StringComparison.Ordinal), $"{name} is a {type} but ends in _total");
            }

            if (name.StartsWith("grid_", StringComparison.Ordinal) && TimeWord().IsMatch(name))
            {
                Assert.True(name.EndsWith("_seconds", StringComparison.Ordinal) || name.EndsWith("_seconds_total", StringComparison.Ordinal),
                    $"{name} measures a time but does not say its unit (_seconds)");
            }
        });
        Assert.All(scrape.LabelNames(), label => Assert.Matches(SnakeCase(), label));
    }

    [Fact]
    public async Task Ingest_latency_carries_the_callers_trace_id_as_an_exemplar()
    {
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var integrator = Grid.IntegratorOf("ops");
        var headers = new Metadata { { "x-api-key", Grid.Keys.ApiKeyFor("ops") }, { "traceparent", $"00-{traceId}-{"00f067aa0ba902b7"}-01" } };
        var sender = "+3364" + Random.Shared.Next(1_000_000, 9_999_999);
        await integrator.Ingest.PostInboundAsync(
            new PostInboundRequest { Channel = Protos.V1.Channel.Whatsapp, Sender = sender, ExternalId = "ex-" + sender, Text = "Bonjour" }, headers);

        var scrape = await MetricsScrape.ReadAsync(Grid.HttpPort);
        Assert.Matches($@"(?m)^grid_ingest_latency_seconds_bucket\{{channel=""whatsapp"",le=""[^""]+""\}} \d+ # \{{trace_id=""{traceId}"",span_id=""[0-9a-f]{{16}}""\}}", scrape.Text);
    }

    /// <summary>
    /// A conversation's whole path on the host (posted, queued, offered, accepted, answered, delivered, acknowledged), so
    /// that the families observed only when it happens are published; then one scrape.
    /// </summary>
    internal static async Task<MetricsScrape> DriveAndScrapeAsync(EmbeddedGrid grid, string tag)
    {
        var sender = "+3363" + Random.Shared.Next(1_000_000, 9_999_999);
        await using var integrator = grid.IntegratorOf("ops");
        await using var outbound = integrator.OpenOutbound();
        await using var agent = await grid.AgentAsync("olga-" + tag, "ops");
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");

        var first = await integrator.PostSmsAsync(sender, $"{tag}-1-{sender}", "Je veux parler à un conseiller");
        // Conversations of earlier tests of the tenant may wait in the queue too: the agent takes this one.
        var offer = await agent.NextOfferAsync(Wait);
        while (offer.Conversation.ConversationId != first.ConversationId)
        {
            offer = await agent.NextOfferAsync(Wait);
        }
        await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", first.ConversationId);
        await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", first.ConversationId, $"{tag}-r1", "Je regarde.");
        var sent = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal(1, (await integrator.AckAsync(sent.OutboundId)).Acknowledged);
        await agent.Hub.InvokeAsync("Resolve", first.ConversationId, "answered");
        return await MetricsScrape.ReadAsync(grid.HttpPort);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("(^|_)(latency|duration|wait|time|lag|age)(_|$)")]
    private static partial Regex TimeWord();
}
