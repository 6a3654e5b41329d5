namespace Grid.Storage.InMemory;

/// <summary>The waiting lists in memory, with the same contract as the SQL store.</summary>
public sealed class InMemoryWaitingListStore(InMemoryTables tables) : IWaitingListStore
{
    public Task<IReadOnlyList<QueueEntry>> ReadAsync(string tenant, string queue)
    {
        lock (tables.Gate)
        {
            IReadOnlyList<QueueEntry> entries =
            [
                .. tables.Waiting.Where(w => w.Key.Tenant == tenant && w.Value.Queue == queue)
                    .Select(w => w.Value.Entry)
                    .OrderByDescending(e => e.Priority).ThenBy(e => e.EnqueuedAt),
            ];
            return Task.FromResult(entries);
        }
    }

    internal static void Apply(InMemoryTables tables, string tenant, string conversationId, WaitingListChange change)
    {
        var key = (tenant, conversationId);
        if (change.Entry is not { } entry)
        {
            tables.Waiting.Remove(key);
            return;
        }

        // As in SQL: an entry put back keeps its original age.
        var enqueuedAt = tables.Waiting.TryGetValue(key, out var existing) ? existing.Entry.EnqueuedAt : entry.EnqueuedAt;
        tables.Waiting[key] = (change.Queue, entry with { EnqueuedAt = enqueuedAt });
    }
}
