using Grid.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;

namespace Grid.Tests.Cluster;

/// <summary>
/// 64 concurrent posters through an edge to a silo capped at 4 PostgreSQL connections: the server never sees more than
/// the cap (plus the edge's few for the gateway list), and every post is stored (calls wait for a connection) — none
/// fails with "too many clients" or INTERNAL.
/// </summary>
public sealed class PostgresPoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Concurrent_posts_share_a_capped_pool_and_all_succeed()
    {
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        var keys = new TestKeys();
        var common = ClusterProcesses.Common(postgres, keys, "pool");
        common["Grid__Postgres__MaxPoolSize"] = "4";
        await using var silo = ClusterProcesses.StartSilo(common, out var siloHttp);
        await silo.WaitReadyAsync(siloHttp, Wait);
        await using var edge = ClusterProcesses.StartEdge(common, keys, out var edgeHttp, out var edgeGrpc);
        await edge.WaitReadyAsync(edgeHttp, Wait);
        await using var integrator = new IntegratorClient(edgeGrpc, keys.ApiKey);

        using var stop = new CancellationTokenSource();
        var peak = WatchConnectionsAsync(postgres, stop.Token);
        var posts = Enumerable.Range(0, 64).Select(async poster =>
        {
            var codes = new List<StatusCode>();
            for (var i = 0; i < 5; i++)
            {
                try
                {
                    await integrator.PostSmsAsync($"+3361{poster:D4}{i:D3}", $"pool-{poster}-{i}", $"message {i}");
                    codes.Add(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    codes.Add(e.StatusCode);
                }
            }

            return codes;
        }).ToList();
        var results = (await Task.WhenAll(posts)).SelectMany(c => c).ToList();
        await stop.CancelAsync();
        var maxSeen = await peak;

        Assert.Equal(320, results.Count(c => c == StatusCode.OK));
        Assert.InRange(maxSeen, 1, 4 + 4); // the silo's cap, and the edge's gateway-list connections
        Assert.DoesNotContain("too many clients", silo.Output);
    }

    /// <summary>The most client connections to the grid database seen while the load runs.</summary>
    private static async Task<long> WatchConnectionsAsync(PostgresServer postgres, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync(CancellationToken.None);
        long max = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = 'grid' AND backend_type = 'client backend'", connection);
            max = Math.Max(max, (long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return max;
    }
}
