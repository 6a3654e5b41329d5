using System.Net;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.Cluster;

/// <summary>
/// A PostgreSQL outage seen from outside: a silo and an edge in cluster mode; the database stops; readiness turns 503 (it
/// writes to both stores) and posts answer UNAVAILABLE — retriable, as the proto documents — not INTERNAL; the database
/// comes back; readiness turns 200 and the same post, retried with its idempotency key, is stored once.
/// </summary>
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task During_a_database_outage_readiness_fails_and_posts_are_unavailable_then_both_recover()
    {
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        var keys = new TestKeys();
        var common = ClusterProcesses.Common(postgres, keys, "outage");
        await using var silo = ClusterProcesses.StartSilo(common, out var siloHttp);
        await silo.WaitReadyAsync(siloHttp, Wait);
        await using var edge = ClusterProcesses.StartEdge(common, keys, out var edgeHttp, out var edgeGrpc);
        await edge.WaitReadyAsync(edgeHttp, Wait);
        await using var integrator = new IntegratorClient(edgeGrpc, keys.ApiKey);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{edgeHttp}/readyz")).StatusCode);
        await integrator.PostSmsAsync("+33612000001", "outage-0", "avant la panne");

        await postgres.StopAsync();
        Assert.True(await EventuallyAsync(async () => (await http.GetAsync($"http://127.0.0.1:{edgeHttp}/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable),
            $"readiness stayed 200 with the database down\nsilo:\n{Tail(silo.Output)}\nedge:\n{Tail(edge.Output)}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync($"http://127.0.0.1:{siloHttp}/readyz")).StatusCode);

        // A new sender needs the database (identity, customer, journal): the post fails, retriably.
        var failures = new List<StatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.PostSmsAsync($"+3361300000{i}", $"outage-{i + 1}", "pendant la panne"));
            failures.Add(refused.StatusCode);
        }

        Assert.All(failures, code => Assert.Contains(code, new[] { StatusCode.Unavailable, StatusCode.DeadlineExceeded }));
        Assert.DoesNotContain("CodecNotFound", edge.Output);

        await postgres.RestartAsync();
        Assert.True(await EventuallyAsync(async () => (await http.GetAsync($"http://127.0.0.1:{edgeHttp}/readyz")).StatusCode == HttpStatusCode.OK),
            "readiness did not come back with the database");
        PostInboundResponseOrNull? first = null;
        Assert.True(await EventuallyAsync(async () =>
        {
            try
            {
                first = new(await integrator.PostSmsAsync("+33613000000", "outage-1", "pendant la panne"));
                return true;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                return false;
            }
        }), "the retried post never succeeded");
        var again = await integrator.PostSmsAsync("+33613000000", "outage-1", "pendant la panne");
        Assert.Equal((first!.Response.ConversationId, first.Response.Seq, true), (again.ConversationId, again.Seq, again.Duplicate));
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];

    private sealed record PostInboundResponseOrNull(Protos.V1.PostInboundResponse Response);

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // the process is busy reconnecting: ask again
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        return false;
    }
}
