using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Privacy;

/// <summary>
/// The erasure on a real PostgreSQL (a silo and an edge in cluster mode): the same personal data planted through the
/// same paths, erased, then every table of the database scanned with SQL and both processes' logs searched.
/// </summary>
public sealed class GdprPostgresTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Erasure_on_postgres_leaves_no_trace_in_any_table_or_log()
    {
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        var keys = new TestKeys();
        var common = ClusterProcesses.Common(postgres, keys, "gdpr");
        common["Grid__Conversations__ReopenWindow"] = "00:00:01";
        common["Grid__Links__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        common["Grid__Links__PublicBaseUrl"] = "https://support.example.com";
        await using var silo = ClusterProcesses.StartSilo(common, out var siloHttp);
        await silo.WaitReadyAsync(siloHttp, Wait);
        await using var edge = ClusterProcesses.StartEdge(common, keys, out var edgeHttp, out var edgeGrpc);
        await edge.WaitReadyAsync(edgeHttp, Wait);
        await using var integrator = new IntegratorClient(edgeGrpc, keys.ApiKeyFor("gdpr"));

        var data = new PersonalData();
        await data.PlantAsync(integrator, edgeHttp, keys, "gdpr");
        var before = await DatabaseScan.PostgresAsync(postgres.ConnectionString(), data.Needles);
        Assert.All(data.Planted, p => Assert.Contains(before, hit => hit.EndsWith(": " + p, StringComparison.Ordinal)));
        Assert.Contains(before, hit => hit.StartsWith("grid_grain_state.", StringComparison.Ordinal));

        var erased = await integrator.Gdpr.EraseCustomerAsync(new EraseCustomerRequest
        {
            Subject = new CustomerSubject { Channel = Protos.V1.Channel.Email, Address = data.Email },
            Reason = "art. 17 request 4712",
        }, integrator.Headers);
        Assert.Equal(2, erased.Conversations);

        Assert.Empty(await DatabaseScan.PostgresAsync(postgres.ConnectionString(), data.Needles));
        Assert.Empty(data.FoundIn(silo.Output));
        Assert.Empty(data.FoundIn(edge.Output));
        Assert.Contains(data.ControlText, (await integrator.Read.GetCustomerTimelineAsync(
            new GetCustomerTimelineRequest { CustomerId = data.ControlCustomerId }, integrator.Headers)).ToString());
        var log = await integrator.Gdpr.ListAuditLogAsync(new ListAuditLogRequest { Action = "gdpr.erase" }, integrator.Headers);
        Assert.Equal("art. 17 request 4712", Assert.Single(log.Records).Details["reason"]);
    }
}
