using System.Globalization;

namespace Grid.LoadTests;

/// <summary>Command-line options of the load driver.</summary>
public sealed record DriverOptions(string GrpcUrl, string ApiKey, string Scenario, int Seconds, int[] Concurrency, int Depth, int Repeats)
{
    public const string Usage = """
        usage: Grid.LoadTests --grpc http://127.0.0.1:5081 --api-key KEY [--scenario ingest|newcustomers|depth|all]
                              [--seconds 10] [--concurrency 1,16,64] [--depth 10000] [--repeats 3]
          ingest: integrators posting SMS from distinct customers, one run per concurrency level, repeated;
                  throughput and latency medians, as ratios to concurrency 1 measured in the same run.
          newcustomers: the same with a new customer for every message (identity, customer and conversation
                  state written for each: the grain-state storage under load).
          depth:  one conversation grown to --depth messages; append latency near message 10 against near
                  the last one, in the same run.
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

        if (!map.TryGetValue("grpc", out var grpc) || !map.TryGetValue("api-key", out var key))
        {
            return null;
        }

        return new DriverOptions(
            grpc,
            key,
            map.GetValueOrDefault("scenario", "all"),
            int.Parse(map.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture),
            [.. map.GetValueOrDefault("concurrency", "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            int.Parse(map.GetValueOrDefault("depth", "10000"), CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("repeats", "3"), CultureInfo.InvariantCulture));
    }
}
