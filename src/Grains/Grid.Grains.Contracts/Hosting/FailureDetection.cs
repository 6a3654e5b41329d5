using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Grid.Hosting;

/// <summary>
/// How fast a cluster declares a dead silo, so that its conversations are activated on the others, and how fast edges
/// follow changes of the gateways. Orleans' defaults took 10.7–12.9 s from a SIGKILL to the last failed call; Grid's
/// defaults below are measured in docs/reliability.md. Every property of Orleans' <see cref="ClusterMembershipOptions"/>
/// can be set under "Grid:Orleans:Membership" (silos) and of <see cref="GatewayOptions"/> under "Grid:Orleans:Gateway"
/// (standalone edges); configured values win over Grid's defaults.
/// </summary>
public static class FailureDetection
{
    public const string MembershipSection = ClusterTransport.Section + ":Membership";
    public const string GatewaySection = ClusterTransport.Section + ":Gateway";

    /// <summary>The first timeout of a liveness probe; Orleans adapts it per silo between half and four times this.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo suspects another and votes it dead.</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>How often each silo reads the membership table, beside the gossip that spreads changes at once.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often an edge reads the list of live gateways (a new or replaced silo is used after at most this).</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>Grid's defaults, then what "Grid:Orleans:Membership" configures; an <see cref="OptionsValidationException"/> naming the key when they cannot work (the start stops with it).</summary>
    public static void ConfigureMembership(ClusterMembershipOptions options, IConfiguration configuration)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.TableRefreshTimeout = TableRefreshTimeout;
        configuration.GetSection(MembershipSection).Bind(options);
        var problems = new List<string>();
        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{MembershipSection}:ProbeTimeout must be positive (it is {options.ProbeTimeout})");
        }

        if (options.NumMissedProbesLimit < 1)
        {
            problems.Add($"{MembershipSection}:NumMissedProbesLimit must be at least 1 (it is {options.NumMissedProbesLimit})");
        }

        if (options.NumVotesForDeathDeclaration < 1 || options.NumVotesForDeathDeclaration > options.NumMissedProbesLimit)
        {
            problems.Add($"{MembershipSection}:NumVotesForDeathDeclaration must be 1 to NumMissedProbesLimit ({options.NumMissedProbesLimit}); it is {options.NumVotesForDeathDeclaration}");
        }

        if (options.TableRefreshTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{MembershipSection}:TableRefreshTimeout must be positive (it is {options.TableRefreshTimeout})");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(MembershipSection, typeof(ClusterMembershipOptions), problems);
        }
    }

    /// <summary>Grid's defaults, then what "Grid:Orleans:Gateway" configures.</summary>
    public static void ConfigureGateway(GatewayOptions options, IConfiguration configuration)
    {
        options.GatewayListRefreshPeriod = GatewayListRefreshPeriod;
        configuration.GetSection(GatewaySection).Bind(options);
        if (options.GatewayListRefreshPeriod <= TimeSpan.Zero)
        {
            throw new OptionsValidationException(GatewaySection, typeof(GatewayOptions),
                [$"{GatewaySection}:GatewayListRefreshPeriod must be positive (it is {options.GatewayListRefreshPeriod})"]);
        }
    }
}
