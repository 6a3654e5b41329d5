using System.Collections.Concurrent;
using Google.Protobuf;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Grid.Tests.Operations;

/// <summary>
/// With Grid:Telemetry:OtlpEndpoint set, the embedded host exports its spans by OTLP (http/protobuf) to a receiver
/// the test runs: an inbound message's trace holds the edge's gRPC span (child of the caller's traceparent), the grain
/// calls under it and the journal append under those.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task An_inbound_message_is_traced_from_the_edge_through_the_grains_to_the_journal_append()
    {
        var spans = new ConcurrentBag<Span>();
        var port = FreePort.Next();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = receiver.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in Span.ReadAll(body.ToArray()))
            {
                spans.Add(span);
            }

            return Results.Ok();
        });
        await app.StartAsync();

        await using var grid = new EmbeddedGrid();
        await grid.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{port}",
            ["Grid__Telemetry__OtlpProtocol"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });

        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        const string callerSpan = "00f067aa0ba902b7";
        await using var integrator = grid.Integrator();
        var headers = new Metadata { { "x-api-key", grid.Keys.ApiKey }, { "traceparent", $"00-{traceId}-{callerSpan}-01" } };
        var sender = "+3366" + Random.Shared.Next(1_000_000, 9_999_999);
        await integrator.Ingest.PostInboundAsync(new PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = sender, ExternalId = "t-" + sender, Text = "Bonjour" }, headers);

        // Spans are exported in batches as they end, the edge's last: wait until the chain from the journal append reaches
        // the caller's span (or the deadline, and the assertions below say what is missing).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<Span> trace;
        List<Span> chain;
        do
        {
            await Task.Delay(200);
            trace = [.. spans.Where(s => s.TraceId == traceId)];
            chain = ChainFromAppend(trace);
        }
        while ((chain.Count == 0 || chain[^1].ParentSpanId != callerSpan) && DateTime.UtcNow < deadline);

        Assert.NotEmpty(chain);
        var server = Assert.Single(trace, s => s.ParentSpanId == callerSpan);
        Assert.Contains("PostInbound", server.Name);

        // journal append ← grain calls (Orleans) ← the edge's gRPC span ← the caller.
        Assert.Equal(server.SpanId, chain[^1].SpanId);
        Assert.True(chain.Count(s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)) >= 2,
            "no grain call spans between the edge and the journal: " + string.Join(" <- ", chain.Select(s => $"{s.Scope}:{s.Name}")));
    }

    /// <summary>The journal append's span and its ancestors received so far, nearest first; empty before the append's.</summary>
    private static List<Span> ChainFromAppend(List<Span> trace)
    {
        var append = trace.FirstOrDefault(s => s.Name == "grid.journal.append");
        if (append is null)
        {
            return [];
        }

        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<Span> { append };
        while (chain[^1].ParentSpanId is { Length: > 0 } parent && byId.TryGetValue(parent, out var up))
        {
            chain.Add(up);
        }

        return chain;
    }

    /// <summary>The fields of an OTLP span the test reads, decoded from ExportTraceServiceRequest (opentelemetry-proto's field numbers).</summary>
    private sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope)
    {
        public static IEnumerable<Span> ReadAll(byte[] request)
        {
            foreach (var resourceSpans in Fields(request, 1))
            {
                foreach (var scopeSpans in Fields(resourceSpans, 2))
                {
                    var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                    foreach (var span in Fields(scopeSpans, 2))
                    {
                        yield return new Span(
                            Hex(Fields(span, 1).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault()),
                            Text(Fields(span, 5).FirstOrDefault()), scope);
                    }
                }
            }
        }

        private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);

        private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

        /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message; other fields skipped.</summary>
        private static List<byte[]> Fields(byte[] message, int number)
        {
            var found = new List<byte[]>();
            var input = new CodedInputStream(message);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                {
                    found.Add(input.ReadBytes().ToByteArray());
                }
                else
                {
                    input.SkipLastField();
                }
            }

            return found;
        }
    }
}
