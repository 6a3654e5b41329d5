namespace Grid.Edge.Host;

/// <summary>
/// How the standalone edge joins its cluster, bound from "Grid:Orleans" (the keys the silos read too; the defaults
/// are the silos' defaults). Read before the host is built: the Orleans client is configured then.
/// </summary>
public sealed class OrleansClientOptions
{
    public const string Section = "Grid:Orleans";

    /// <summary>The cluster to join: the same on every silo and edge.</summary>
    public string ClusterId { get; set; } = "grid";

    public string ServiceId { get; set; } = "grid";

    /// <summary>Without ConnectionStrings:Grid (development), the local silo's gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The options as configured; an <see cref="InvalidOperationException"/> naming the key when they cannot work.</summary>
    public static OrleansClientOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OrleansClientOptions>() ?? new OrleansClientOptions();
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            problems.Add($"{Section}:ClusterId must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            problems.Add($"{Section}:ServiceId must not be empty");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            problems.Add($"{Section}:GatewayPort must be 1-65535 (it is {options.GatewayPort})");
        }

        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", problems));
    }
}
