using System.Diagnostics;
using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 6 (issue 19): a rolling restart of the two-silo PostgreSQL cluster under load. Each silo in turn is
/// SIGTERMed (graceful shutdown: its grains deactivate, it leaves the membership), waited for until it exits, started
/// again; the next one goes once the edges can have learnt the new gateway (their gateway list is refreshed every
/// 10 s). Every acknowledged message is stored once, in order; every call that failed was seen failing by its client
/// with UNAVAILABLE or DEADLINE_EXCEEDED and retried with the same key. How many calls failed at all is reported.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class RollingRestartTests(TwoSiloClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>The edges' gateway list refresh (Grid:Orleans:Gateway:GatewayListRefreshPeriod, shipped 10 s) and a margin.</summary>
    private static readonly TimeSpan GatewaysLearnt = TimeSpan.FromSeconds(12);

    [OnDemandFact("GRID_FAULT_ROLLING")]
    public async Task A_rolling_restart_under_load_loses_no_call_its_client_did_not_see_fail()
    {
        var cluster = fixture.Cluster;
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = 200, Workers = 24 });
        var exits = new List<string>();
        await Faults.PlayAsync(load, async l =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            for (var silo = 0; silo < cluster.Silos.Count; silo++)
            {
                l.Mark($"silo {silo} SIGTERMed");
                var clock = Stopwatch.StartNew();
                var code = await cluster.TerminateSiloAsync(silo, TimeSpan.FromSeconds(60));
                exits.Add($"silo {silo} exited with code {code} {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
                l.Note($"silo {silo} exited with code {code}");
                await cluster.ReplaceSiloAsync(silo);
                l.Mark($"silo {silo} started again (new process ready)");
                if (silo + 1 < cluster.Silos.Count)
                {
                    await Task.Delay(GatewaysLearnt);
                }
            }

            await Faults.WaitRecoveredAsync(l);
        });

        var report = await FaultChecker.CheckAsync("rolling restart: each of 2 silos SIGTERMed and started again (2 edges, PostgreSQL)", load, cluster.Edges,
            () => cluster.StoredKeysAsync(load.Prefix));
        cluster.SaveLogs(nameof(RollingRestartTests));
        report.Print(output);
        exits.ForEach(output.WriteLine);
        Assert.All(exits, e => Assert.Contains("code 0 ", e, StringComparison.Ordinal));
        report.AssertClean();
    }
}
