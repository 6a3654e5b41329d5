using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Grid.Routing;

/// <summary>
/// Measures the queue grain's routing pass (<see cref="RoutingPolicy.Order"/> and <see cref="RoutingPolicy.Choose"/>, with
/// the pending-offers view the grain builds for each pass) on a synthetic queue: N agents, M waiting conversations.
/// Prints medians and ratios (`Grid.Silo routing-bench`). Deterministic inputs (a fixed seed); times are wall clock.
/// </summary>
internal static class RoutingBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static string Run(int agents, int waiting, int repeats)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Routing pass of one queue: {agents:N0} agents, {waiting:N0} waiting conversations, median of {repeats} passes");
        report.AppendLine("| case | median (ms) | passes/s | offers per pass |");
        report.AppendLine("|---|---|---|---|");
        var weights = RoutingPolicy.Weights.Default;
        var cases = new (string Name, List<RoutingPolicy.Waiting> Waiting, List<AgentRouting> Agents)[]
        {
            ("steady: all agents full but one, no skills", Waiting(waiting, skills: false), Agents(agents, freeAgents: 1, skills: false)),
            ("steady: all full but one, skills and language (half the agents qualify)", Waiting(waiting, skills: true), Agents(agents, freeAgents: 1, skills: true)),
            ("steady, 100 waiting", Waiting(100, skills: true), Agents(agents, freeAgents: 1, skills: true)),
            ("burst: every agent has a free slot", Waiting(waiting, skills: true), Agents(agents, freeAgents: agents, skills: true)),
        };

        var medians = new List<double>();
        foreach (var (name, list, roster) in cases)
        {
            var offers = 0;
            var median = Median(repeats, () =>
            {
                var pending = new Dictionary<string, (string, Channel)>(StringComparer.Ordinal);
                offers = RoutingPolicy.Choose(RoutingPolicy.InOrder(list, Now, weights), roster, pending, (_, _) => false, TimeSpan.Zero, Now).Count;
            });
            medians.Add(median);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {median:0.000} | {1000 / median:N0} | {offers:N0} |");
        }

        var busy = Agents(agents, freeAgents: 0, skills: true);
        var guard = Median(repeats, () => _ = busy.Any(a => a.Presence == AgentPresence.Available && a.MaxTotal - a.Load.Values.Sum() > 0));
        report.AppendLine(CultureInfo.InvariantCulture, $"| nobody free: the grain's guard, no pass | {guard:0.000} | {1000 / guard:N0} | 0 |");
        var place = Median(repeats, () => _ = RoutingPolicy.Position(cases[1].Waiting, "c5000", Now, weights));
        report.AppendLine(CultureInfo.InvariantCulture, $"| a customer's place (GetPlace: count those ranked before) | {place:0.000} | {1000 / place:N0} | – |");
        var sorted = Median(repeats, () => _ = RoutingPolicy.Order(cases[1].Waiting, Now, weights));
        report.AppendLine(CultureInfo.InvariantCulture, $"| for comparison: sorting the whole waiting list | {sorted:0.000} | {1000 / sorted:N0} | – |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Ratios: skills ÷ no skills {medians[1] / medians[0]:0.00}x; {waiting:N0} ÷ 100 waiting {medians[1] / medians[2]:0.0}x; burst ÷ steady {medians[3] / medians[1]:0.0}x (for {agents:N0}x the offers).");
        return report.ToString();
    }

    private static double Median(int repeats, Action pass)
    {
        pass(); // warm-up (JIT)
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            pass();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    private static List<RoutingPolicy.Waiting> Waiting(int count, bool skills)
    {
        var random = new Random(15);
        string[] needs = skills ? ["skill:billing:3", "language:fr"] : [];
        return
        [
            .. Enumerable.Range(0, count).Select(i => RoutingPolicy.Waiting.Of(
                new QueueEntry("c" + i, "cus_" + i, i % 5 == 0 ? Channel.Email : Channel.WebChat, random.Next(0, 3) * 10, Now.AddSeconds(-random.Next(0, 3_600)), "bench")
                {
                    Requirements = needs,
                })),
        ];
    }

    private static List<AgentRouting> Agents(int count, int freeAgents, bool skills)
    {
        var random = new Random(16);
        var capacity = new Dictionary<Channel, int> { [Channel.WebChat] = 4, [Channel.Email] = 3, [Channel.Voice] = 1 };
        var full = new Dictionary<Channel, int> { [Channel.WebChat] = 4, [Channel.Email] = 3, [Channel.Voice] = 1 };
        var roomy = new Dictionary<Channel, int> { [Channel.WebChat] = 3, [Channel.Email] = 3, [Channel.Voice] = 1 };
        return
        [
            .. Enumerable.Range(0, count).Select(i => new AgentRouting(
                "a" + i,
                AgentPresence.Available,
                skills ? new Dictionary<string, int> { ["billing"] = i % 2 == 0 ? 4 : 2 } : new Dictionary<string, int>(),
                skills ? (i % 4 == 3 ? ["en"] : ["fr", "en"]) : [],
                capacity,
                i < freeAgents ? roomy : full,
                8,
                Now.AddSeconds(-random.Next(0, 3_600)))),
        ];
    }
}
