namespace Grid.Storage.InMemory;

/// <summary>The index of live conversations in memory, with the same contract as the SQL store.</summary>
public sealed class InMemoryConversationIndexStore(InMemoryTables tables) : IConversationIndexStore
{
    public Task<LiveConversationPage> ListLiveAsync(string tenant, LiveConversationQuery query)
    {
        lock (tables.Gate)
        {
            var rows = tables.Live.Where(l => l.Key.Tenant == tenant).Select(l => l.Value)
                .Where(r => (query.Status is null || r.Status == query.Status)
                    && (query.Queue is null || r.Queue == query.Queue)
                    && (query.AssignedAgent is null || r.AssignedAgent == query.AssignedAgent)
                    && (query.After is not { } after || IsAfter(r, after)))
                .OrderByDescending(r => r.Priority).ThenBy(r => r.UpdatedAt.ToUnixTimeMilliseconds()).ThenBy(r => r.ConversationId, StringComparer.Ordinal)
                .Take(query.Limit + 1)
                .ToList();
            if (rows.Count <= query.Limit)
            {
                return Task.FromResult(new LiveConversationPage(rows, null));
            }

            rows.RemoveAt(rows.Count - 1);
            return Task.FromResult(new LiveConversationPage(rows, LiveCursor.After(rows[^1])));
        }
    }

    internal static void Apply(InMemoryTables tables, string tenant, string conversationId, ConversationIndexChange change)
    {
        if (change.Entry is { } row)
        {
            // As in SQL: times are kept to the millisecond.
            tables.Live[(tenant, conversationId)] = row with
            {
                OpenedAt = Milliseconds(row.OpenedAt),
                UpdatedAt = Milliseconds(row.UpdatedAt),
                WaitingSince = row.WaitingSince is { } waiting ? Milliseconds(waiting) : null,
            };
        }
        else
        {
            tables.Live.Remove((tenant, conversationId));
        }
    }

    private static bool IsAfter(LiveConversation r, LiveCursor after)
    {
        var (updated, afterUpdated) = (r.UpdatedAt.ToUnixTimeMilliseconds(), after.UpdatedAt.ToUnixTimeMilliseconds());
        return r.Priority < after.Priority
            || (r.Priority == after.Priority && (updated > afterUpdated
                || (updated == afterUpdated && string.CompareOrdinal(r.ConversationId, after.ConversationId) > 0)));
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
