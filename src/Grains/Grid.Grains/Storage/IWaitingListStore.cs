namespace Grid.Storage;

/// <summary>
/// Conversations waiting for an agent, per queue: rows written with the conversation's transition into or out of the
/// queue (see <see cref="WaitingListChange"/>), read by the queue grains.
/// </summary>
public interface IWaitingListStore
{
    /// <summary>The conversations waiting in a queue, by priority then age.</summary>
    Task<IReadOnlyList<QueueEntry>> ReadAsync(string tenant, string queue);
}
