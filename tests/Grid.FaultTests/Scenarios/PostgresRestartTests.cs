using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 2: PostgreSQL stopped (fast shutdown: connections cut) for a few seconds during the load, then started
/// again. Posts fail retriably while it is down and are all stored once after it is back.
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class PostgresRestartTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_restart_under_load_loses_nothing_and_fails_only_retriably()
    {
        var cluster = fixture.Cluster;
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = 200, Workers = 24 });
        await Faults.PlayAsync(load, async l =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            l.Mark("PostgreSQL stopped");
            await cluster.Postgres.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await cluster.Postgres.RestartAsync();
            l.Mark("PostgreSQL started again");
            await Faults.WaitRecoveredAsync(l);
        });

        var report = await FaultChecker.CheckAsync("PostgreSQL restarted (3 silos, 2 edges)", load, cluster.Edges,
            () => cluster.StoredKeysAsync(load.Prefix));
        cluster.SaveLogs(nameof(PostgresRestartTests));
        report.Print(output).AssertClean();
        Assert.True(cluster.Silos.All(s => !s.HasExited), "a silo died with the database\n" + cluster.Tails());
    }
}
