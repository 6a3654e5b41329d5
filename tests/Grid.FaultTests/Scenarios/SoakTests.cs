using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// On demand (GRID_FAULT_SOAK=minutes): the load runs for that long on a cluster of its own while faults follow each
/// other every 30 seconds — a silo SIGKILLed and replaced (each silo in turn), then PostgreSQL restarted — and the checker
/// then compares everything acknowledged with what is stored.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [OnDemandFact("GRID_FAULT_SOAK")]
    public async Task Faults_in_turn_for_minutes_lose_nothing()
    {
        var minutes = Faults.Setting("GRID_FAULT_SOAK")!.Value;
        await using var cluster = new FaultCluster(extra: Faults.ExtraSettings());
        await cluster.StartAsync();
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = 500, Workers = 32 });
        var end = DateTime.UtcNow + TimeSpan.FromMinutes(minutes);
        await Faults.PlayAsync(load, async l =>
        {
            for (var round = 0; DateTime.UtcNow < end; round++)
            {
                await Task.Delay(TimeSpan.FromSeconds(30));
                if (round % 4 == 3)
                {
                    l.Mark($"PostgreSQL stopped (round {round})");
                    await cluster.Postgres.StopAsync();
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    await cluster.Postgres.RestartAsync();
                    l.Mark($"PostgreSQL started again (round {round})");
                }
                else
                {
                    var silo = round % 3;
                    l.Mark($"silo {silo} SIGKILLed (round {round})");
                    var declared = await cluster.KillSiloAndWatchAsync(silo, l);
                    await Faults.WaitRecoveredAsync(l);
                    await declared;
                    await cluster.ReplaceSiloAsync(silo);
                    l.Mark($"silo {silo} replaced (round {round})");
                }
            }

            await Faults.WaitRecoveredAsync(l);
        });

        var report = await FaultChecker.CheckAsync($"soak of {minutes} minutes", load, cluster.Edges, () => cluster.StoredKeysAsync(load.Prefix));
        report.Print(output).AssertClean();
    }
}
