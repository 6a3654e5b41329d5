namespace Grid.Routing;

/// <summary>A tenant's routing configuration: queues, entry rules, agents' profiles, and its version (incremented by every change).</summary>
[GenerateSerializer, Immutable, Alias("grid.RoutingConfig")]
public sealed record RoutingConfig(
    [property: Id(0)] IReadOnlyList<QueueDefinition> Queues,
    [property: Id(1)] IReadOnlyList<EntryRule> EntryRules,
    [property: Id(2)] IReadOnlyList<AgentProfile> Agents,
    [property: Id(3)] long Version)
{
    public static RoutingConfig Empty { get; } = new([], [], [], 0);

    public QueueDefinition? Queue(string name) => Queues.FirstOrDefault(q => q.Name == name);

    public AgentProfile? Agent(string agentId) => Agents.FirstOrDefault(a => a.AgentId == agentId);
}
