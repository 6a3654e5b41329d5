using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 1: a silo SIGKILLed during the load, twice (a replacement joins between the kills). Every acknowledged
/// message is stored once, in order, without gaps; callers see only UNAVAILABLE or DEADLINE_EXCEEDED while the cluster
/// declares the dead silo and reactivates its conversations elsewhere (the recovery time is reported, not asserted).
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class SiloKillTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_silo_kills_under_load_lose_nothing_and_fail_only_retriably()
    {
        var cluster = fixture.Cluster;
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = 200, Workers = 24 });
        await Faults.PlayAsync(load, async l =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            l.Mark("silo 1 SIGKILLed");
            var declared = await cluster.KillSiloAndWatchAsync(1, l);
            await Faults.WaitRecoveredAsync(l);
            await declared;
            await cluster.ReplaceSiloAsync(1);
            l.Mark("silo 1 replaced (new process ready)");
            await Task.Delay(TimeSpan.FromSeconds(3));
            l.Mark("silo 2 SIGKILLed");
            declared = await cluster.KillSiloAndWatchAsync(2, l);
            await Faults.WaitRecoveredAsync(l);
            await declared;
        });

        var report = await FaultChecker.CheckAsync("SIGKILL a silo twice (3 silos, 2 edges, PostgreSQL)", load, cluster.Edges,
            () => cluster.StoredKeysAsync(load.Prefix));
        cluster.SaveLogs(nameof(SiloKillTests));
        report.Print(output);
        await cluster.ReplaceSiloAsync(2); // the next scenario finds three silos again
        report.AssertClean();
    }
}
