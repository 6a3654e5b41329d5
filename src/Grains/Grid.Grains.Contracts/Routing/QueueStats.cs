namespace Grid.Routing;

/// <summary>A queue's figures for supervisors: waiting conversations, the longest wait, agents available with a free slot.</summary>
[GenerateSerializer, Immutable, Alias("grid.QueueStats")]
public sealed record QueueStats(
    [property: Id(0)] string Queue,
    [property: Id(1)] int Depth,
    [property: Id(2)] TimeSpan LongestWait,
    [property: Id(3)] int AgentsAvailable);
