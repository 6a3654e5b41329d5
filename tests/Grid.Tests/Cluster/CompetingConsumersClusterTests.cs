using Grid.Tests.Infrastructure;
using Grid.Tests.Outbound;

namespace Grid.Tests.Cluster;

/// <summary>
/// Competing consumers across edges: one silo and two standalone edge processes on a real PostgreSQL, one outbound stream
/// of the same integrator on each edge; the outbox grain's leases hold across the edges, so no message reaches both.
/// </summary>
public sealed class CompetingConsumersClusterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_streams_on_two_edges_share_one_integrators_outbox_with_no_message_to_both()
    {
        const string tenant = "lease-cluster";
        const int count = 300;
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        var keys = new TestKeys();
        var common = ClusterProcesses.Common(postgres, keys, "lease");
        common["Grid__Outbound__RedeliverAfter"] = "00:00:30";
        common["Grid__Outbound__MaxLeasedPerStream"] = "50";
        LeaseFixture.AddIntegrator(common, tenant, keys.ApiKeyFor(tenant));

        await using var silo = ClusterProcesses.StartSilo(common, out var siloHttp);
        await silo.WaitReadyAsync(siloHttp, Wait);
        await using var edge1 = ClusterProcesses.StartEdge(common, keys, out var edge1Http, out var edge1Grpc);
        await using var edge2 = ClusterProcesses.StartEdge(common, keys, out var edge2Http, out var edge2Grpc);
        await edge1.WaitReadyAsync(edge1Http, Wait);
        await edge2.WaitReadyAsync(edge2Http, Wait);

        await using var admin = new IntegratorClient(edge1Grpc, keys.ApiKeyFor(tenant));
        await LeaseFixture.ImportAudienceAsync(admin, count);
        await using var client1 = new IntegratorClient(edge1Grpc, keys.ApiKeyFor(tenant));
        await using var client2 = new IntegratorClient(edge2Grpc, keys.ApiKeyFor(tenant));
        var (one, two) = await StreamConsumer.ShareAsync(admin, tenant, "cluster-1", count, client1, client2);
        Assert.All(one.Received.Concat(two.Received), r => Assert.StartsWith("incident:", r.Message.Author, StringComparison.Ordinal));
    }
}
