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

    /// <summary>An agent's free slots changed (presence, assignment, release).</summary>
    [Alias("UpdateAgentAsync")]
    Task UpdateAgentAsync(string agentId, int freeSlots);

    /// <summary>Where a waiting conversation stands and the expected wait; null when it is not waiting here.</summary>
    [ReadOnly]
    [Alias("GetPlaceAsync")]
    Task<QueuePlace?> GetPlaceAsync(string conversationId);

    /// <summary>The queue's current state.</summary>
    [ReadOnly]
    [Alias("GetSnapshotAsync")]
    Task<QueueSnapshot> GetSnapshotAsync();
}
