using System.Collections.Concurrent;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Operations;

/// <summary>
/// SIGTERM under load on the embedded host (silo and edge in one process): readiness turns 503 first, then new calls
/// are refused with UNAVAILABLE while those in flight finish, the outbound stream ends with UNAVAILABLE, and the process exits 0 after its silo stopped. After a restart on the same data, every message that
/// was acknowledged is stored: no call was lost that its client did not see fail, and every failure said UNAVAILABLE.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Senders = 6;

    [Fact]
    public async Task Sigterm_under_load_drains_the_edge_and_loses_no_acknowledged_message()
    {
        var keys = new TestKeys();
        var first = new EmbeddedGrid(keys);
        await first.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Shutdown__ReadinessDelay"] = "00:00:01",
            ["Grid__Shutdown__DrainTimeout"] = "00:00:15",
        });

        var acked = new ConcurrentBag<(string Sender, string Text, PostInboundResponse Ack)>();
        var failures = new ConcurrentBag<Status>();
        await using var agent = await first.AgentAsync("rita");
        await using var integrator = first.Integrator();
        using var stream = integrator.Outbound.Receive(new ReceiveRequest(), integrator.Headers);
        var streamEnd = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in stream.ResponseStream.ReadAllAsync())
                {
                }

                return StatusCode.OK;
            }
            catch (RpcException ended)
            {
                return ended.StatusCode;
            }
        });

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            var sender = "+3365" + Random.Shared.Next(1_000_000, 9_999_999);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var text = $"message {n}";
                try
                {
                    acked.Add((sender, text, await integrator.PostSmsAsync(sender, $"{sender}-{n}", text)));
                }
                catch (RpcException failed)
                {
                    failures.Add(failed.Status);
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        // Under load for a moment, then SIGTERM.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (acked.Count < 30 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var beforeTerm = acked.Count;
        first.Process.Terminate();

        // Readiness says 503 while the process still answers (the balancer takes it out before calls are refused).
        Assert.True(await SawNotReadyAsync(first.HttpPort), "GET /readyz never answered 503 after SIGTERM");
        Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(acked.Count > beforeTerm, "no call was acknowledged after SIGTERM (calls in flight must finish)");
        Assert.Equal(StatusCode.Unavailable, await streamEnd);
        // The "Reconnect" notice to agents is best-effort: it races SignalR closing the connections at SIGTERM and was
        // seen lost under a loaded machine, so it is not asserted; the closed connection is what makes desks reconnect.
        // Refused by the draining edge (UNAVAILABLE), or never started: a call the client was opening as Kestrel closed the
        // connection (GOAWAY, HTTP/2 NO_ERROR) fails in the client before reaching Grid, and grpc-dotnet calls that INTERNAL
        // ("Error starting gRPC call… The HTTP/2 server closed the connection"). Either is retried with the same key (README).
        Assert.All(failures, status => Assert.True(
            status.StatusCode == StatusCode.Unavailable
            || (status.StatusCode == StatusCode.Internal && status.Detail.StartsWith("Error starting gRPC call", StringComparison.Ordinal)
                && status.Detail.Contains("server closed the connection", StringComparison.Ordinal)),
            $"{status.StatusCode}: {status.Detail}"));
        Assert.Contains("Drained: no call in flight", first.Process.Output);

        // Restarted on the same data: every acknowledged message is there, at its sequence number.
        await using var second = new EmbeddedGrid(keys, first.DataDir);
        await second.StartAsync();
        await using var reader = second.Integrator();
        foreach (var conversation in acked.GroupBy(a => a.Ack.ConversationId))
        {
            var stored = (await reader.ListAllAsync(conversation.Key)).ToDictionary(e => e.Seq);
            Assert.All(conversation, a => Assert.Equal(a.Text, stored[a.Ack.Seq].Text));
        }
    }

    private static async Task<bool> SawNotReadyAsync(int httpPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}/readyz");
                if ((int)response.StatusCode == 503)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                return false; // no longer listening: it never said 503
            }
            catch (TaskCanceledException)
            {
                // a probe timed out: try again
            }

            await Task.Delay(50);
        }

        return false;
    }
}
