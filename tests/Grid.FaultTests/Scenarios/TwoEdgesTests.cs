using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 3: every message posted through two edges at the same instant with the same external id (an integrator
/// failing over between edges): both answers name the same message, at most one of them is not a duplicate, and the
/// message is stored once.
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class TwoEdgesTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_same_external_id_through_two_edges_at_once_is_stored_once()
    {
        var cluster = fixture.Cluster;
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = 200, Workers = 24, Twin = true });
        await Faults.PlayAsync(load, _ => Task.Delay(TimeSpan.FromSeconds(10)));

        var report = await FaultChecker.CheckAsync("the same external id through two edges at once", load, cluster.Edges,
            () => cluster.StoredKeysAsync(load.Prefix));
        cluster.SaveLogs(nameof(TwoEdgesTests));
        report.Print(output).AssertClean();
    }
}
