using Grid.Edge;
using Grid.Edge.Auth;
using Grid.Hosting;

namespace Grid.Silo;

/// <summary>
/// Commands besides running the silo:
/// <c>token --tenant demo --agent alice [--name "Alice Martin"] [--role agent|expert|supervisor] [--hours 8]</c>
/// prints an agent JWT signed with the configured key (in embedded mode, the data directory's development key);
/// <c>bot-eval --kb FILE --cases FILE [--settings FILE] [--threshold X]</c> prints the bot matcher's evaluation
/// report (<see cref="BotEvalCommand"/>);
/// <c>triage train --tenant T --csv FILE [--eval FILE] [--holdout 0.2]</c> trains the tenant's category model, prints
/// its report and uploads it (<see cref="TriageCommand"/>).
/// <c>keys create --integrator NAME [--index N]</c> prints a new API key once and its configuration line (<see cref="KeysCommand"/>);
/// <c>routing-bench [--agents 1000] [--waiting 10000] [--repeats 101]</c> prints the timing of one queue's routing pass.
/// <c>certs create --out DIR [--hosts 127.0.0.1,localhost] [--days 365]</c> writes a development CA and a member
/// certificate for a local cluster's TLS and prints the settings that use them (<see cref="DevCertificates"/>).
/// </summary>
public static class GridCommands
{
    public static Task<bool> TryRunAsync(string[] args, ConfigurationManager configuration)
    {
        if (args.Length > 0 && args[0] == "bot-eval")
        {
            Environment.ExitCode = BotEvalCommand.Run(Flags(args.Skip(1).ToArray()));
            return Task.FromResult(true);
        }

        if (args.Length > 1 && args[0] == "triage" && args[1] == "train")
        {
            return RunTriageAsync(args, configuration);
        }

        if (args.Length > 1 && args[0] == "keys" && args[1] == "create")
        {
            Environment.ExitCode = KeysCommand.Run(Flags(args.Skip(2).ToArray()));
            return Task.FromResult(true);
        }

        if (args.Length > 1 && args[0] == "certs" && args[1] == "create")
        {
            Environment.ExitCode = DevCertificates.Run(Flags(args.Skip(2).ToArray()), Console.Out, Console.Error);
            return Task.FromResult(true);
        }

        if (args.Length > 0 && args[0] == "routing-bench")
        {
            var bench = Flags(args.Skip(1).ToArray());
            Console.WriteLine(Routing.RoutingBenchmark.Run(
                int.Parse(bench.GetValueOrDefault("agents", "1000"), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(bench.GetValueOrDefault("waiting", "10000"), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(bench.GetValueOrDefault("repeats", "101"), System.Globalization.CultureInfo.InvariantCulture)));
            return Task.FromResult(true);
        }

        if (args.Length == 0 || args[0] != "token")
        {
            return Task.FromResult(false);
        }

        var flags = Flags(args.Skip(1).ToArray());
        var runtime = SiloSettings.Read(configuration).Runtime;
        if (runtime.Mode == GridMode.Embedded && DevCredentials.Needed(configuration))
        {
            configuration.AddInMemoryCollection(DevCredentials.LoadOrCreate(runtime.DataDir).AsDefaults(configuration).ToList());
        }

        var auth = EdgeOptions.Read(configuration).Auth;
        var tenant = flags.GetValueOrDefault("tenant", DevCredentials.DemoTenant);
        var agent = flags.GetValueOrDefault("agent", "");
        if (!TenantId.IsValid(tenant) || !TenantId.IsValid(agent))
        {
            Console.Error.WriteLine("usage: token --tenant <tenant> --agent <agent-id> [--name <display name>] [--role agent|expert|supervisor] [--hours <n>]");
            Console.Error.WriteLine("tenant and agent ids are lowercase slugs ([a-z0-9._-]).");
            Environment.ExitCode = 2;
            return Task.FromResult(true);
        }

        var hours = double.Parse(flags.GetValueOrDefault("hours", "8"), System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine(AgentTokens.Mint(auth, tenant, agent, flags.GetValueOrDefault("name", agent), flags.GetValueOrDefault("role", "agent"), TimeSpan.FromHours(hours)));
        return Task.FromResult(true);
    }

    private static async Task<bool> RunTriageAsync(string[] args, ConfigurationManager configuration)
    {
        var flags = Flags(args.Skip(2).ToArray());
        Environment.ExitCode = await TriageCommand.RunAsync(flags, () =>
        {
            // Embedded: the local grid's gRPC port and the data directory's demo key (tenant "demo", admin scope).
            var runtime = SiloSettings.Read(configuration).Runtime;
            var address = $"http://127.0.0.1:{EdgeOptions.Read(configuration).Grpc.Port}";
            return runtime.Mode == GridMode.Embedded && File.Exists(Path.Combine(runtime.DataDir, DevCredentials.FileName))
                ? new TriageUploadTarget(address, DevCredentials.LoadOrCreate(runtime.DataDir).DemoApiKey)
                : new TriageUploadTarget(address, null);
        });
        return true;
    }

    /// <summary>"--name value" pairs; a flag followed by another flag (or last) is a switch ("true").</summary>
    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                flags[args[i][2..]] = args[i + 1];
                i++;
            }
            else
            {
                flags[args[i][2..]] = "true";
            }
        }

        return flags;
    }
}
