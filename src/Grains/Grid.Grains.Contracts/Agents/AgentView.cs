namespace Grid;

/// <summary>What an agent (or a supervisor) sees of an agent.</summary>
[GenerateSerializer, Immutable, Alias("grid.AgentView")]
public sealed record AgentView(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] AgentPresence Presence,
    [property: Id(4)] int Capacity,
    [property: Id(5)] IReadOnlyList<string> Conversations,
    [property: Id(6)] IReadOnlyList<string> Queues);
