namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// The open loop on its own (<c>--scenario open</c>): customers created first, then the mixed workload at a fixed
/// rate with agents answering, the echo server driven at the same rate in the same run, and every acknowledged
/// message read back. Returns the process's exit code: 1 when a message is missing or duplicated.
/// </summary>
public sealed class OpenScenario(DriverOptions options)
{
    public async Task<int> RunAsync()
    {
        var rate = options.Number("rate", 200);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var report = new BenchReport();
        await using var session = await LoadSession.StartAsync(options, options.Agents);
        await using var echo = await EchoBaseline.StartAsync();
        report.Setting["target"] = string.Join(", ", options.GrpcUrls);
        report.Setting["workload"] = $"{rate:0}/s for {options.Seconds} s, {options.Agents} agents (think {session.Agents.Think.TotalMilliseconds:0} ms)";

        var seed = await session.SeedAsync(options.Int("conversations", 1000), 16);
        report.Runs.Add(seed);

        // Warm-up (JIT, connections, first activations), not reported; its messages are read back like the others.
        await session.OpenAsync("warmup", rate, TimeSpan.FromSeconds(Math.Min(2, options.Seconds)));
        await echo.RunAsync(session.Targets.Headers, 4, TimeSpan.FromSeconds(1), (_, _) => session.Workload.Next(session.NextExternalId()).Request);
        var grid = await session.OpenAsync("open", rate, duration);
        var echoRun = await EchoOpenAsync(echo, session, rate, duration);
        report.Runs.Add(grid);
        report.Runs.Add(echoRun);
        AddOpenFigures(report, "open", grid, echoRun);
        report.Verification = await session.Ledger.VerifyAsync(session.Targets);
        report.Write(options.Text("out"));
        return report.Verification.Passed && grid.Ingest.Acknowledged > 0 ? 0 : 1;
    }

    /// <summary>The echo server in the open loop at <paramref name="rate"/>: requests of the same shape as Grid's.</summary>
    public static Task<OpenLoopResult> EchoOpenAsync(EchoBaseline echo, LoadSession session, double rate, TimeSpan duration) =>
        OpenLoopRunner.RunAsync("echo-open", rate, duration, session.Targets.Headers, _ =>
            (echo.Client, session.Workload.Next(session.NextExternalId()).Request));

    /// <summary>The figures of an open-loop run against the echo's at the same rate.</summary>
    public static void AddOpenFigures(BenchReport report, string id, OpenRun grid, OpenLoopResult echo)
    {
        var rate = grid.Ingest.Rate;
        report.Add(new Figure(id, $"posted → acknowledged p99, open loop {rate:0}/s", grid.Ingest.P99, "ms", "echo p99", echo.P99, grid.Ingest.P99 / echo.P99, "–", null,
            $"p50 {grid.Ingest.P50:0.00}, p99.9 {grid.Ingest.P999:0.00}; {grid.Ingest.Acknowledged} of {grid.Ingest.Scheduled} acknowledged, {grid.Ingest.Failed} failed"));
        report.Add(new Figure(id, $"posted → agent receives p99, open loop {rate:0}/s", grid.PostedToAgent.P99, "ms", "echo p99", echo.P99, grid.PostedToAgent.P99 / echo.P99, "≤ 3×", grid.PostedToAgent.P99 / echo.P99 <= 3,
            $"{grid.PostedToAgent.Count} messages pushed to agents; p50 {grid.PostedToAgent.P50:0.00}"));
        report.Add(new Figure(id, $"posted → agent receives p99.9, open loop {rate:0}/s", grid.PostedToAgent.P999, "ms", "echo p99.9", echo.P999, grid.PostedToAgent.P999 / echo.P999, "≤ 5×", grid.PostedToAgent.P999 / echo.P999 <= 5));
    }
}
