using System.Globalization;

namespace Grid.LoadTests;

/// <summary>Command-line options of the load driver.</summary>
public sealed record DriverOptions(string GrpcUrl, string ApiKey, string Scenario, int Seconds, int[] Concurrency, int Depth, int Repeats)
{
    /// <summary>The edge's HTTP address (the agents' hub), for the handoff scenario.</summary>
    public string HttpUrl { get; init; } = "";

    /// <summary>The JWT signing key (base64) the host's agents' tokens are signed with, for the handoff scenario.</summary>
    public string SigningKey { get; init; } = "";

    /// <summary>Escalations per second of the handoff scenario, one run per rate.</summary>
    public int[] Rates { get; init; } = [5, 20];

    /// <summary>Agents connected in the handoff scenario.</summary>
    public int Agents { get; init; } = 8;

    /// <summary>Every option as given (name without the dashes → value), for the options of the open-loop scenarios (<see cref="Int"/>).</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    /// <summary>The edges' gRPC addresses (<c>--grpc a,b</c>: a cluster's edges, used in turn).</summary>
    public string[] GrpcUrls => GrpcUrl.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The edges' HTTP addresses (<c>--http a,b</c>): agents connect to them in turn.</summary>
    public string[] HttpUrls => HttpUrl.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An integer option of the open-loop scenarios, or its default.</summary>
    public int Int(string name, int fallback) => Raw.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A number option of the open-loop scenarios, or its default.</summary>
    public double Number(string name, double fallback) => Raw.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A text option, or null.</summary>
    public string? Text(string name) => Raw.GetValueOrDefault(name);

    public const string Usage = """
        usage: Grid.LoadTests --grpc http://127.0.0.1:5081 --api-key KEY
                              [--scenario ingest|newcustomers|depth|existing|baselines|handoff|open|bench|fanout|all]
                              [--seconds 10] [--concurrency 1,16,64] [--depth 10000] [--repeats 3]
          ingest: integrators posting SMS from distinct customers, one run per concurrency level, repeated;
                  throughput and latency medians, as ratios to concurrency 1 measured in the same run.
          newcustomers: the same with a new customer for every message (identity, customer and conversation
                  state written for each: the grain-state storage under load).
          depth:  one conversation grown to --depth messages; append latency near message 10 against near
                  the last one, in the same run.
          existing: 1,000 conversations created first (one message from each of 1,000 senders), then closed-loop
                  callers at the highest --concurrency level (64 by default) posting to them round robin;
                  the baselines below are measured in the same run, interleaved with Grid in each repeat, and
                  Grid's throughput is reported as ratios to the echo's and to single-row commits'.
          baselines: only the baselines, no Grid (--grpc and --api-key may then be left out):
                  echo: a Grpc.AspNetCore server in the driver's process (Kestrel, h2c, free loopback port)
                        answering PostInbound at once, driven by the same closed loop, requests and concurrency;
                  sqlite: a file in a temp directory (WAL, synchronous=NORMAL) with grid_journal's columns and
                        unique indexes, one connection inserting 1 row per transaction, then 100 per transaction.
          handoff: --agents agents (8) connected to the hub (--http URL, tokens signed with --signing-key) accept and
                  resolve what they are offered, while customers who ask for a person arrive at fixed rates (--rates
                  5,20 per second, open loop: each post at its scheduled time). Measured: escalation decided (the
                  journal's time, in the offer's context) → offer received on the agent's socket, and the customer's
                  post scheduled → offer received; reported against the same run's PostInbound round trip.
          open:   the open loop (docs/benchmarks.md): integrators post at a fixed --rate (200/s) for --seconds over
                  --conversations (1000) customers created first, a mix of channels (SMS, WhatsApp, web chat, email,
                  Messenger) and of new (--new-share 0.2) and returning customers; latency from each post's scheduled
                  time; --agents agents (SignalR) accept offers and reply after --think-ms (300); then every
                  acknowledged message is read back and must be stored exactly once (exit code 1 otherwise).
                  --person-share 0.02 (messages asking for a person), --replies 2 (agents resolve after that many
                  replies, or after --hold-ms 5000 without one), --tenant demo (the agents' tenant: the API key's), --out DIR (bench.md and bench.json).
                  --http and --signing-key required. --grpc and --http take comma-separated lists (a cluster's edges).
          bench:  the benchmarks B1-B4, B6, B7, B9 of docs/benchmarks.md with the same-run baselines (echo, SQLite,
                  and PostgreSQL when --postgres CONNECTION-STRING is given), --repeats times; --out DIR writes the
                  Markdown and JSON reports there. Options: --conversations 10000, --idle 2000 (B6), --depth 10000 (B7),
                  --think-ms, --new-share, --agents, --metrics URL (the host's /metrics, default --http's first + /metrics).
          fanout: B5, the proactive fan-out (docs/benchmarks.md): --customers (100000) directory customers tagged for
                  the run are imported first (not timed), the open loop runs alone at --rate (100/s) for --seconds,
                  then again while an incident over them fans out to --integrator's SMS (demo-gateway): time until
                  every push is durably in the outbox, until an outbound stream (Receive + Ack) received them all,
                  until the linker put them all in conversations (--link-wait 600 s at most; the host's /metrics,
                  --metrics URL), and the inbound p99 during the fan-out against the load alone. --out DIR. --stream false
                  leaves the outbox unread (the fan-out's cost without the stream's; a diagnosis).
          all:    ingest, newcustomers, depth, then existing (which includes the baselines). The default.
        load-tests/run.sh starts an embedded Grid in a temp directory and runs this driver against it.
        """;

    public static DriverOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            map[args[i][2..]] = args[i + 1];
        }

        var scenario = map.GetValueOrDefault("scenario", "all");
        if (scenario is not ("ingest" or "newcustomers" or "depth" or "existing" or "baselines" or "handoff" or "open" or "bench" or "fanout" or "all"))
        {
            return null;
        }

        var grpc = map.GetValueOrDefault("grpc");
        var key = map.GetValueOrDefault("api-key");
        if ((grpc is null || key is null) && scenario != "baselines")
        {
            return null;
        }

        if (scenario is ("handoff" or "open" or "bench" or "fanout") && (!map.ContainsKey("http") || !map.ContainsKey("signing-key")))
        {
            return null;
        }

        return new DriverOptions(
            grpc ?? "",
            key ?? "",
            scenario,
            int.Parse(map.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture),
            [.. map.GetValueOrDefault("concurrency", "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            int.Parse(map.GetValueOrDefault("depth", "10000"), CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("repeats", "3"), CultureInfo.InvariantCulture))
        {
            HttpUrl = map.GetValueOrDefault("http", ""),
            SigningKey = map.GetValueOrDefault("signing-key", ""),
            Rates = [.. map.GetValueOrDefault("rates", "5,20").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            Agents = int.Parse(map.GetValueOrDefault("agents", "8"), CultureInfo.InvariantCulture),
            Raw = map,
        };
    }
}
