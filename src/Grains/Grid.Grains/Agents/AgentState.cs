namespace Grid.Agents;

[GenerateSerializer, Alias("grid.AgentState")]
internal sealed class AgentState
{
    [Id(0)] public string DisplayName { get; set; } = "";

    [Id(1)] public AgentPresence Presence { get; set; } = AgentPresence.Offline;

    [Id(2)] public int Capacity { get; set; }

    [Id(3)] public List<string> Conversations { get; set; } = [];

    [Id(4)] public List<string> Queues { get; set; } = ["default"];
}
