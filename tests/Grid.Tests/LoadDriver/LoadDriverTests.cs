using System.Diagnostics;
using System.Text.Json;
using Grid.LoadTests;
using Grid.LoadTests.OpenLoop;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.LoadDriver;

/// <summary>
/// The load driver (load-tests/Grid.LoadTests) kept working: a smoke run of its open loop as a real process against an
/// embedded host for a few seconds (docs/benchmarks.md), and its read-back check failing on what was not stored.
/// Performance is not asserted here: only that the driver runs, reports and checks.
/// </summary>
public sealed class LoadDriverTests
{
    [Fact]
    public async Task A_short_open_loop_run_posts_at_its_rate_agents_take_offers_and_every_acknowledged_message_reads_back_once()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        var output = Path.Combine(Path.GetTempPath(), "grid-load-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await RunDriverAsync(
                "--scenario", "open",
                "--grpc", $"http://127.0.0.1:{grid.GrpcPort}", "--http", $"http://127.0.0.1:{grid.HttpPort}",
                "--api-key", grid.DemoApiKey(), "--signing-key", grid.Keys.SigningKey,
                "--seconds", "3", "--rate", "40", "--conversations", "20", "--agents", "2", "--think-ms", "50",
                "--person-share", "0.25", "--out", output);

            Assert.True(exitCode == 0, $"the driver exited with {exitCode}:\n{log}\nhost:\n{grid.Process.Tail()}");
            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "bench.json"))).RootElement;
            var verification = report.GetProperty("verification");
            Assert.True(verification.GetProperty("Passed").GetBoolean());
            Assert.Equal(0, verification.GetProperty("Missing").GetInt64());
            Assert.Equal(0, verification.GetProperty("Duplicated").GetInt64());
            // 20 customers created first, a 2 s warm-up and 3 s measured at 40 a second: all acknowledged, all read back.
            Assert.True(20 + 80 + 120 == verification.GetProperty("Acknowledged").GetInt64(),
                $"{verification.GetProperty("Acknowledged").GetInt64()} of 220 posts acknowledged:\n{log}\nhost:\n{grid.Process.Tail()}");
            Assert.Equal(20 + 80 + 120, verification.GetProperty("Found").GetInt64());

            var open = report.GetProperty("runs").EnumerateArray().Single(r => r.TryGetProperty("Ingest", out _));
            Assert.Equal(120, open.GetProperty("Ingest").GetProperty("Acknowledged").GetInt64());
            Assert.True(open.GetProperty("Ingest").GetProperty("P99").GetDouble() > 0);
            Assert.True(open.GetProperty("Offers").GetInt64() > 0, $"no offer reached the agents:\n{log}");
            Assert.Contains("posted → agent receives", await File.ReadAllTextAsync(Path.Combine(output, "bench.md")));
            Assert.Contains("acked", log); // the progress line
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_read_back_reports_an_acknowledgement_that_was_not_stored_and_one_at_another_seq()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        await using var integrator = grid.Integrator(grid.DemoApiKey());
        var sender = "+3361" + Random.Shared.Next(0, 10_000_000).ToString("D7");
        var first = await integrator.PostSmsAsync(sender, "ledger-1", "Bonjour");
        var second = await integrator.PostSmsAsync(sender, "ledger-2", "Quels sont vos horaires d'ouverture ?");

        var ledger = new Ledger();
        ledger.Record("ledger-1", first, 0);
        ledger.Record("ledger-2", new PostInboundResponse { ConversationId = second.ConversationId, Seq = second.Seq + 100 }, 0);
        ledger.Record("ledger-never-posted", new PostInboundResponse { ConversationId = first.ConversationId, Seq = 99 }, 0);
        var options = DriverOptions.Parse(["--grpc", $"http://127.0.0.1:{grid.GrpcPort}", "--api-key", grid.DemoApiKey(), "--scenario", "ingest"])!;
        using var targets = new Targets(options);

        var verification = await ledger.VerifyAsync(targets);

        Assert.False(verification.Passed);
        Assert.Equal((3, 1, 1, 0, 1), (verification.Acknowledged, verification.Found, verification.Missing, verification.Duplicated, verification.WrongSeq));
        Assert.Contains(verification.Examples, e => e.StartsWith("ledger-never-posted", StringComparison.Ordinal) && e.EndsWith("missing", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Log)> RunDriverAsync(params string[] arguments)
    {
        var dll = Path.Combine(RepoPaths.Root, "load-tests", "Grid.LoadTests", "bin", RepoPaths.Configuration, "net10.0", "Grid.LoadTests.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the driver did not finish within 120 s:\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
