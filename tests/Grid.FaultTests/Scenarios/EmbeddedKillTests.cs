using Grid.FaultTests.Harness;
using Grid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 4: the embedded host (one process, SQLite) SIGKILLed three times under load and restarted on the same data
/// directory each time. While it is down, calls fail UNAVAILABLE (nothing listens); after each start everything
/// acknowledged before is still there, once, in order.
/// </summary>
public sealed class EmbeddedKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Repeated_kills_of_the_embedded_host_lose_nothing()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        await using var integrator = grid.Integrator();
        var load = new FaultLoad([integrator], new LoadShape { Senders = 150, Workers = 16 });
        await Faults.PlayAsync(load, async l =>
        {
            for (var kill = 1; kill <= 3; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                l.Mark($"embedded host SIGKILLed ({kill} of 3)");
                await grid.KillAsync();
                await grid.StartAsync();
                l.Mark($"embedded host restarted ({kill} of 3)");
            }

            await Faults.WaitRecoveredAsync(l);
        });

        var report = await FaultChecker.CheckAsync("embedded host SIGKILLed 3 times (SQLite)", load, [integrator],
            () => EmbeddedJournal.StoredKeysAsync(grid, load.Prefix));
        report.Print(output).AssertClean();
    }
}
