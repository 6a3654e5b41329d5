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
    [property: Id(6)] IReadOnlyList<string> Queues)
{
    /// <summary>Why the agent is in their presence ("lunch", "training", "disconnected"); null: none given.</summary>
    [Id(7)] public string? Reason { get; init; }

    /// <summary>Conversations held per channel.</summary>
    [Id(8)] public IReadOnlyDictionary<Channel, int> Load { get; init; } = new Dictionary<Channel, int>();

    /// <summary>Conversations the agent takes at once per channel (their profile, or the default on every channel).</summary>
    [Id(9)] public IReadOnlyDictionary<Channel, int> CapacityByChannel { get; init; } = new Dictionary<Channel, int>();

    /// <summary>Since when the agent is idle as routing counts it (the longest idle gets the next offer).</summary>
    [Id(10)] public DateTimeOffset IdleSince { get; init; }
}
