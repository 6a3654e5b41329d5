namespace Grid;

/// <summary>
/// Implemented by each edge host: one observer per edge receives the events of every agent connected to it
/// and forwards them to that agent's SignalR connections.
/// </summary>
[Alias("grid.IAgentObserver")]
public interface IAgentObserver : IGrainObserver
{
    /// <summary>An event for the agent <paramref name="tenant"/>/<paramref name="agentId"/>.</summary>
    [Alias("OnAgentEvent")]
    void OnAgentEvent(string tenant, string agentId, AgentEvent agentEvent);
}
