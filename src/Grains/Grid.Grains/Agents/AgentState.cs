namespace Grid.Agents;

[GenerateSerializer, Alias("grid.AgentState")]
internal sealed class AgentState
{
    [Id(0)] public string DisplayName { get; set; } = "";

    [Id(1)] public AgentPresence Presence { get; set; } = AgentPresence.Offline;

    [Id(2)] public int Capacity { get; set; }

    [Id(3)] public List<string> Conversations { get; set; } = [];

    [Id(4)] public List<string> Queues { get; set; } = ["default"];

    /// <summary>Why the agent is in their presence (given with it, or "disconnected").</summary>
    [Id(5)] public string? Reason { get; set; }

    /// <summary>The channel of each assigned conversation (the load per channel).</summary>
    [Id(6)] public Dictionary<string, Channel> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Since when the agent is idle as routing counts it: became available, or took or released a conversation.</summary>
    [Id(7)] public DateTimeOffset IdleSince { get; set; }

    /// <summary>When the agent's last connection closed while holding conversations (null: connected, or nothing held).</summary>
    [Id(8)] public DateTimeOffset? DisconnectedAt { get; set; }
}
