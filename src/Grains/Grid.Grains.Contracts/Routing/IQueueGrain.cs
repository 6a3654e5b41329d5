namespace Grid;

/// <summary>
/// A routing queue: waiting conversations by priority and age, and the agents that can take them.
/// It offers conversations to agents, with a timeout, and re-offers on decline or timeout.
/// Key: tenant/queueName. The queue never awaits a call to another grain (offers are sent without waiting),
/// so no cycle of awaited calls can deadlock it.
/// </summary>
[Alias("grid.IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds (or re-adds) a conversation to the queue and offers it if an agent is free.</summary>
    [Alias("EnqueueAsync")]
    Task EnqueueAsync(QueueEntry entry);

    /// <summary>Removes a conversation (accepted, resolved or withdrawn).</summary>
    [Alias("RemoveAsync")]
    Task RemoveAsync(string conversationId);

    /// <summary>The agent declined: the conversation is offered to someone else.</summary>
    [Alias("DeclinedAsync")]
    Task DeclinedAsync(string conversationId, string agentId);

    /// <summary>An agent's presence, skills, capacity or load changed (or the agent reports again, every 30 s).</summary>
    [Alias("UpdateAgentAsync")]
    Task UpdateAgentAsync(Routing.AgentRouting agent);

    /// <summary>The agent's last connection closed: their pending offers go back to the queue at once.</summary>
    [Alias("AgentLeftAsync")]
    Task AgentLeftAsync(string agentId);

    /// <summary>The queue's definition (sent by the tenant's routing configuration; null: none, the defaults apply).</summary>
    [OneWay]
    [Alias("ConfigureAsync")]
    Task ConfigureAsync(Routing.QueueDefinition? definition);

    /// <summary>Depth, longest wait and agents available, for supervisors.</summary>
    [ReadOnly]
    [Alias("GetStatsAsync")]
    Task<Routing.QueueStats> GetStatsAsync();

    /// <summary>Where a waiting conversation stands and the expected wait; null when it is not waiting here.</summary>
    [ReadOnly]
    [Alias("GetPlaceAsync")]
    Task<QueuePlace?> GetPlaceAsync(string conversationId);

    /// <summary>The queue's current state.</summary>
    [ReadOnly]
    [Alias("GetSnapshotAsync")]
    Task<QueueSnapshot> GetSnapshotAsync();
}
