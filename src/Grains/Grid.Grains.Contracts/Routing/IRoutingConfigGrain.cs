namespace Grid.Routing;

/// <summary>
/// A tenant's routing configuration (key: the tenant): queues, entry rules, agents' profiles. Each change is validated
/// (refusals are <see cref="Escalation.PolicyRuleException"/>s naming the field) and answered once stored. It awaits no
/// grain: agents and the routing step read it, and it sends queues their definition without awaiting them.
/// </summary>
[Alias("grid.IRoutingConfigGrain")]
public interface IRoutingConfigGrain : IGrainWithStringKey
{
    /// <summary>The whole configuration.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<RoutingConfig> GetAsync();

    /// <summary>The version only (cheap: silos check it before using their copy).</summary>
    [Alias("GetVersionAsync"), ReadOnly]
    Task<long> GetVersionAsync();

    /// <summary>Creates or replaces a queue; returns the new version.</summary>
    [Alias("SetQueueAsync")]
    Task<long> SetQueueAsync(QueueDefinition queue);

    /// <summary>Replaces the entry rules; returns the new version.</summary>
    [Alias("SetEntryRulesAsync")]
    Task<long> SetEntryRulesAsync(IReadOnlyList<EntryRule> rules);

    /// <summary>Creates or replaces an agent's profile; returns the new version.</summary>
    [Alias("SetAgentAsync")]
    Task<long> SetAgentAsync(AgentProfile agent);

    /// <summary>Records an agent who connected, so that supervisors list them even without a profile.</summary>
    [Alias("SeenAgentAsync")]
    Task SeenAgentAsync(string agentId);

    /// <summary>Every agent known: with a profile or seen connecting.</summary>
    [Alias("ListAgentIdsAsync"), ReadOnly]
    Task<IReadOnlyList<string>> ListAgentIdsAsync();

    /// <summary>Sends the queue its definition (one-way, without awaiting it): a queue asks on activation.</summary>
    [OneWay]
    [Alias("SendDefinitionAsync")]
    Task SendDefinitionAsync(string queue);
}
