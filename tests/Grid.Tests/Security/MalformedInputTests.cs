using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Google.Protobuf;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Security;

/// <summary>
/// Oversize and malformed gRPC frames (a message above the limit, a length of 4 GB, garbage in a valid frame, a
/// truncated frame, the wrong content-type) and hub invocations (an oversize message, malformed JSON, an unknown method,
/// wrong argument types or count) are refused with a clear status or error, thousands of times, while the host stays up
/// and its memory stays flat (its own /metrics: working set and GC heap, with a generous tolerance).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class MalformedInputTests(SecurityGridFixture fixture)
{
    private const string GetConversation = "/grid.v1.ReadService/GetConversation";

    [Fact]
    public async Task Malformed_and_oversize_requests_are_refused_and_the_host_stays_up_with_flat_memory()
    {
        var grid = fixture.Grid;
        var key = fixture.KeyOf($"{SecurityGridFixture.TenantA}-all");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{grid.GrpcPort}"), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var token = fixture.Keys.Token(SecurityGridFixture.TenantA, "malformed");
        await using var agent = await AgentConnection.ConnectAsync(grid.HttpPort, token);

        // Each kind once, with what it answers.
        var valid = Frame(new GetConversationRequest { ConversationId = "cnv_nope" }.ToByteArray());
        Assert.Equal(("5", "conversation 'cnv_nope' not found"), await GrpcAsync(http, key, valid)); // control: a well-formed request
        var (status, message) = await GrpcAsync(http, key, Frame(new byte[2 * 1024 * 1024]));
        Assert.Equal("8", status); // RESOURCE_EXHAUSTED
        Assert.Contains("exceeds the maximum", message);
        // A length above 2 GB is refused by Grpc.AspNetCore's framing before any Grid code runs, as UNKNOWN ("Exception was
        // thrown by handler"): not the RESOURCE_EXHAUSTED a length under it gets (docs/architecture.md, Security).
        Assert.Equal(("2", "Exception was thrown by handler."), await GrpcAsync(http, key, Header(uint.MaxValue, 16)));
        (status, message) = await GrpcAsync(http, key, Frame(Enumerable.Repeat((byte)0xFF, 64).ToArray()));
        Assert.Equal("3", status); // INVALID_ARGUMENT
        Assert.Contains("not a valid GetConversationRequest", message);
        (status, message) = await GrpcAsync(http, key, Header(100, 10));
        Assert.Equal("13", status); // INTERNAL: the stream ended inside the message
        Assert.Contains("Incomplete message", message);
        var wrongType = await RawAsync(http, key, valid, "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        var unknown = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeCoreAsync<object>("NoSuchMethod", []));
        Assert.StartsWith("Failed to invoke 'NoSuchMethod'", unknown.Message);
        var count = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeCoreAsync<object>("GetConversation", ["cnv_a", "cnv_b"]));
        Assert.StartsWith("Failed to invoke 'GetConversation'", count.Message); // SignalR names no detail to the client
        var types = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeCoreAsync<object>("GetHistory", ["cnv_a", "not a number", 10]));
        Assert.StartsWith("Failed to invoke 'GetHistory'", types.Message);
        Assert.Equal("close: Connection closed with an error.", await RawHubAsync(grid.HttpPort, token, "{\"type\":1,\"target\":\"GetMe\",\"arguments\":[" + new string('1', 10) + "\u001e" + "{not json}\u001e"));
        Assert.Equal("close: Connection closed with an error.", await RawHubAsync(grid.HttpPort, token, "{\"type\":1,\"target\":\"SetPresence\",\"arguments\":[\"" + new string('x', 200 * 1024) + "\"]}\u001e"));

        // Thousands of them: the host answers each the same way, and its memory stays where it was.
        await RoundAsync(http, key, agent, grid.HttpPort, token, 50); // warm-up: first-time allocations are not growth
        var before = await MemoryAsync(grid.HttpPort);
        await RoundAsync(http, key, agent, grid.HttpPort, token, 600);
        var after = await MemoryAsync(grid.HttpPort);
        Assert.False(grid.Process.HasExited);
        Assert.Equal("ok", await HubCalls.AnswerAsync(agent.Hub, "GetMe", []));
        Assert.True(after.WorkingSet - before.WorkingSet < 150 * 1024 * 1024, $"working set {before.WorkingSet / 1048576} MB → {after.WorkingSet / 1048576} MB");
        Assert.True(after.Heap - before.Heap < 100 * 1024 * 1024, $"GC heap {before.Heap / 1048576} MB → {after.Heap / 1048576} MB");
    }

    /// <summary><paramref name="n"/> of each malformed gRPC request, two bad hub calls each, and a bad raw hub message every tenth.</summary>
    private static async Task RoundAsync(HttpClient http, string key, AgentConnection agent, int httpPort, string token, int n)
    {
        var garbage = Frame(Enumerable.Repeat((byte)0xFF, 64).ToArray());
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            Assert.Equal("2", (await GrpcAsync(http, key, Header(uint.MaxValue, 16))).Status);
            Assert.Equal("8", (await GrpcAsync(http, key, Header(1024 * 1024 + 1, 1024))).Status);
            Assert.Equal("3", (await GrpcAsync(http, key, garbage)).Status);
            Assert.Equal("13", (await GrpcAsync(http, key, Header(100, 10))).Status);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await RawAsync(http, key, garbage, "text/plain")).StatusCode);
            Assert.Equal("Method does not exist.", await HubCalls.AnswerAsync(agent.Hub, "NoSuchMethod", [i]));
            Assert.StartsWith("Failed to invoke 'GetHistory'", await HubCalls.AnswerAsync(agent.Hub, "GetHistory", ["cnv_a", "x", i]));
            if (i % 10 == 0)
            {
                Assert.StartsWith("close:", await RawHubAsync(httpPort, token, "{\"type\":1,\"target\":\"SetPresence\",\"arguments\":[\"" + new string('x', 200 * 1024) + "\"]}\u001e"));
            }
        });
    }

    /// <summary>A gRPC frame: not compressed, the payload's length (big-endian), the payload.</summary>
    private static byte[] Frame(byte[] payload) => [.. Header((uint)payload.Length, 0), .. payload];

    /// <summary>A frame header declaring <paramref name="length"/> bytes, followed by <paramref name="sent"/> bytes only.</summary>
    private static byte[] Header(uint length, int sent)
    {
        var frame = new byte[5 + sent];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length);
        return frame;
    }

    private static async Task<HttpResponseMessage> RawAsync(HttpClient http, string key, byte[] body, string contentType)
    {
        // A message built by hand does not take the client's default version: HTTP/2 without TLS must be asked for here.
        using var request = new HttpRequestMessage(HttpMethod.Post, GetConversation)
        {
            Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Add("x-api-key", key);
        var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync(); // to the trailers
        return response;
    }

    /// <summary>A raw gRPC call: its grpc-status and grpc-message (trailers, or headers for a trailers-only answer).</summary>
    private static async Task<(string Status, string Message)> GrpcAsync(HttpClient http, string key, byte[] body)
    {
        using var response = await RawAsync(http, key, body, "application/grpc");
        string? Read(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First() : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (Read("grpc-status") ?? $"(none: HTTP {(int)response.StatusCode} {response.Version})", Uri.UnescapeDataString(Read("grpc-message") ?? ""));
    }

    /// <summary>Sends <paramref name="payload"/> on a raw WebSocket to the hub after the JSON handshake; what the hub answers or closes with.</summary>
    private static async Task<string> RawHubAsync(int httpPort, string token, string payload)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{httpPort}/hubs/agent?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}\u001e");
        var handshake = await ReceiveAsync(socket);
        Assert.Equal("{}\u001e", handshake);
        await SendAsync(socket, payload);
        while (true)
        {
            var message = await ReceiveAsync(socket);
            if (message is null)
            {
                return "closed";
            }

            if (message.Contains("\"type\":7", StringComparison.Ordinal))
            {
                using var json = System.Text.Json.JsonDocument.Parse(message.TrimEnd('\u001e'));
                return "close: " + (json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : "");
            }

            if (!message.Contains("\"type\":6", StringComparison.Ordinal)) // pings aside
            {
                return message;
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(text.ToArray());
            }
        }
    }

    /// <summary>The host's working set and GC heap, from its own /metrics.</summary>
    private static async Task<(double WorkingSet, double Heap)> MemoryAsync(int httpPort)
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics");
        double Metric(string name) => double.Parse(
            text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);
        return (Metric("process_working_set_bytes"), Metric("dotnet_total_memory_bytes"));
    }
}
