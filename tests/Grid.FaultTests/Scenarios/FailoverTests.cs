using Grid.FaultTests.Harness;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// On demand (GRID_FAULT_FAILOVER=conversations, e.g. 10000): how long the conversations of a killed silo take to be
/// served again when many are active. Every conversation is opened (one message each, so it is active on one of the
/// three silos), then the load cycles through all of them while silo 1 is SIGKILLed. The report's recovery line is the
/// time from the kill to the last failed call; the correctness checks are the CI scenarios' own.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [OnDemandFact("GRID_FAULT_FAILOVER")]
    public async Task The_conversations_of_a_killed_silo_are_served_again()
    {
        var conversations = Faults.Setting("GRID_FAULT_FAILOVER")!.Value;
        var extra = Faults.ExtraSettings();
        await using var cluster = new FaultCluster(extra: extra);
        await cluster.StartAsync();
        var load = new FaultLoad(cluster.Edges, new LoadShape { Senders = conversations, Workers = 64, ResendEvery = 0 });
        await load.OpenConversationsAsync(64, CancellationToken.None);
        output.WriteLine($"{conversations} conversations opened at {load.NowMs / 1000.0:F1} s; settings: {string.Join(", ", extra.Select(e => e.Key + "=" + e.Value))}");

        await Faults.PlayAsync(load, async l =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            l.Mark("silo 1 SIGKILLed");
            var declared = await cluster.KillSiloAndWatchAsync(1, l);
            await Faults.WaitRecoveredAsync(l, quiet: TimeSpan.FromSeconds(5));
            await declared;
        });

        var settings = extra.Count == 0 ? "shipped settings" : string.Join(", ", extra.Select(e => e.Key + "=" + e.Value));
        var report = await FaultChecker.CheckAsync($"failover with {conversations} active conversations ({settings})", load, cluster.Edges,
            () => cluster.StoredKeysAsync(load.Prefix));
        cluster.SaveLogs(nameof(FailoverTests));
        report.Print(output).AssertClean();
    }
}
