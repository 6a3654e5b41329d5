using System.Globalization;
using System.Runtime.InteropServices;

namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// The benchmarks of docs/benchmarks.md (<c>--scenario bench</c>), each against baselines measured in the same run:
/// the gRPC echo (closed loop at the same concurrency for maxima, open loop at the same rate for latencies) and the
/// journal's row shape committed by the database alone (SQLite; PostgreSQL with <c>--postgres</c>). Maxima are closed
/// loops at <c>--concurrency</c>'s highest level; each repeat runs the baselines and the benchmarks one after the other
/// so that the machine's noise hits them alike; medians over repeats. Exit code 1 when the read-back finds an
/// acknowledged message missing or duplicated.
/// </summary>
public sealed partial class BenchScenario(DriverOptions options)
{
    private readonly BenchReport report = new();

    public async Task<int> RunAsync()
    {
        var concurrency = options.Concurrency.Max();
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await using var session = await LoadSession.StartAsync(options, options.Agents);
        await using var echo = await EchoBaseline.StartAsync();
        using var sqlite = new SqliteBaseline();
        var postgres = options.Text("postgres") is { } pg ? new PostgresBaseline(pg) : null;
        Describe(concurrency, session);

        var conversations = options.Int("conversations", 10_000);
        report.Runs.Add(await session.SeedAsync(conversations, 32));
        await session.ClosedAsync("warmup", 8, TimeSpan.FromSeconds(3), () => Returning(session));
        await echo.RunAsync(session.Targets.Headers, 4, TimeSpan.FromSeconds(2), (_, _) => session.Workload.Next(session.NextExternalId(), 0).Request);

        var runs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Keep(string name, double value) => (runs.TryGetValue(name, out var l) ? l : runs[name] = []).Add(value);
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            var echoRun = await echo.RunAsync(session.Targets.Headers, concurrency, duration, (_, _) => session.Workload.Next(session.NextExternalId(), 0).Request);
            report.Runs.Add(new { label = $"echo-closed-r{repeat}", echoRun.Throughput, echoRun.P50, echoRun.P99 });
            Keep("echo", echoRun.Throughput);
            Keep("sqlite1", Database($"sqlite-1-r{repeat}", await sqlite.RunAsync(1, duration)));
            Keep("sqlite100", Database($"sqlite-100-r{repeat}", await sqlite.RunAsync(100, duration)));
            if (postgres is not null)
            {
                Keep("pg1", Database($"postgres-1-r{repeat}", await postgres.RunAsync(1, duration)));
                Keep("pg100", Database($"postgres-100-r{repeat}", await postgres.RunAsync(100, duration)));
            }

            Keep("B1", Closed(await session.ClosedAsync($"B1-r{repeat}", concurrency, duration, () => Returning(session))));
            Keep("B9", Closed(await session.ClosedAsync($"B9-r{repeat}", concurrency, duration, () => session.Workload.Next(session.NextExternalId(), 1))));
            var (hot, inOrder) = await HotConversationAsync(session, concurrency, duration, repeat);
            Keep("B4", hot);
            Keep("B4order", inOrder ? 1 : 0);
        }

        var b1 = Median(runs["B1"]);
        AddMaxima(runs, concurrency, conversations, postgres is not null);

        // B2 and B3: the open loop at half of B1's maximum, then the echo at the same rate.
        var rate = Math.Max(1, Math.Round(b1 / 2));
        var open = await session.OpenAsync("B2", rate, duration * 2);
        var echoOpen = await OpenScenario.EchoOpenAsync(echo, session, rate, duration * 2);
        report.Runs.Add(open);
        report.Runs.Add(echoOpen);
        OpenScenario.AddOpenFigures(report, "B2", open, echoOpen);
        report.Add(new Figure("B3", $"escalation decided → offer on the agent's socket p99, under B2's load", open.Handoff.P99, "ms", null, null, null, "≤ 25 ms",
            open.Handoff.Count == 0 ? null : open.Handoff.P99 <= 25, $"{open.Handoff.Count} offers; p50 {open.Handoff.P50:0.00}, p99.9 {open.Handoff.P999:0.00}"));
        report.Add(new Figure("B5", "fan-out to 100,000 customers durably in the outbox", double.NaN, "s", null, null, null, "≤ 20 s", null, "measured by the fanout scenario (it imports its audience first): docs/benchmarks.md"));

        await MemoryAsync(session);
        await DepthAsync(session);
        report.Add(new Figure("B8", "a silo SIGKILLed with 10,000 active conversations on a 3-silo cluster", double.NaN, "s", null, null, null, "≤ 10 s", null, "measured by the fault suite: docs/reliability.md"));

        report.Verification = await session.Ledger.VerifyAsync(session.Targets);
        report.Write(options.Text("out"));
        return report.Verification.Passed ? 0 : 1;
    }

    private static (Customer, bool, Grid.Protos.V1.PostInboundRequest)? Returning(LoadSession session) =>
        session.Workload.Next(session.NextExternalId(), 0);

    private void AddMaxima(Dictionary<string, List<double>> runs, int concurrency, int conversations, bool withPostgres)
    {
        var (echo, single, batched, b1, b9, b4) = (Median(runs["echo"]), Median(runs["sqlite1"]), Median(runs["sqlite100"]), Median(runs["B1"]), Median(runs["B9"]), Median(runs["B4"]));
        report.Add(new Figure("base", $"gRPC echo, closed loop, concurrency {concurrency}", echo, "req/s", null, null, null, "–", null));
        report.Add(new Figure("base", "SQLite, journal rows, 1 per commit", single, "rows/s", null, null, null, "–", null));
        report.Add(new Figure("base", "SQLite, journal rows, 100 per commit", batched, "rows/s", null, null, null, "–", null));
        if (withPostgres)
        {
            report.Add(new Figure("base", "PostgreSQL, journal rows, 1 per commit", Median(runs["pg1"]), "rows/s", null, null, null, "–", null));
            report.Add(new Figure("base", "PostgreSQL, journal rows, 100 per commit", Median(runs["pg100"]), "rows/s", null, null, null, "–", null));
        }

        var note = $"{conversations:N0} conversations, returning customers, mixed channels, agents connected";
        report.Add(new Figure("B1", "ingest maximum ÷ echo", b1, "msg/s", "echo", echo, b1 / echo, "≥ 0.25×", b1 / echo >= 0.25, note));
        report.Add(new Figure("B1", "ingest maximum ÷ single-row commits", b1, "msg/s", "SQLite 1 row/commit", single, b1 / single, "≥ 1.3×", b1 / single >= 1.3));
        if (withPostgres)
        {
            var pg = Median(runs["pg1"]);
            report.Add(new Figure("B1", "ingest maximum ÷ PostgreSQL single-row commits", b1, "msg/s", "PostgreSQL 1 row/commit", pg, b1 / pg, "≥ 1.3× (cluster runs)", null, "the embedded host writes SQLite: for reference"));
        }

        var ordered = runs["B4order"].All(v => v == 1);
        report.Add(new Figure("B4", "one hot conversation ÷ spread-load maximum", b4, "msg/s", "B1", b1, b4 / b1, "≥ 1.0×, in order", b4 / b1 >= 1.0 && ordered,
            ordered ? "in order: seqs gap-free, acknowledged seqs distinct" : "**out of order**"));
        report.Add(new Figure("B9", "new customers ÷ B1", b9, "msg/s", "B1", b1, b9 / b1, "≥ 0.5×", b9 / b1 >= 0.5, "identity + customer + conversation created per message"));
    }

    private void Describe(int concurrency, LoadSession session)
    {
        report.Setting["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        report.Setting["machine"] = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load generator on the same machine";
        report.Setting["target"] = string.Join(", ", options.GrpcUrls);
        report.Setting["method"] = $"{options.Repeats} repeats of {options.Seconds} s per measurement, medians; maxima closed loop at concurrency {concurrency}; "
            + $"B2 open loop for {options.Seconds * 2} s; {options.Agents} agents (think {session.Agents.Think.TotalMilliseconds:0} ms, resolve after {session.Agents.RepliesBeforeResolve} replies)";
    }

    private double Closed(ClosedResult result)
    {
        report.Runs.Add(result);
        return result.Throughput;
    }

    private double Database(string label, RunResult result)
    {
        report.Runs.Add(new { label, result.Throughput, result.P50, result.P99 });
        Console.Error.WriteLine($"[{label}] {result.Throughput:0} rows/s");
        return result.Throughput;
    }

    internal static double Median(IEnumerable<double> values) => IngestScenario.Median(values);
}
