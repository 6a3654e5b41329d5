using System.Data.Common;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The waiting lists in the grid_queue_entry table; changed inside journal units (see <see cref="ApplyAsync"/>).</summary>
internal sealed class SqlWaitingListStore(GridDatabase database) : IWaitingListStore
{
    public async Task<IReadOnlyList<QueueEntry>> ReadAsync(string tenant, string queue)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT e.conversation_id, e.customer_id, e.channel, e.priority, e.enqueued_ms, e.reason, t.agent_id, n.needs
            FROM grid_queue_entry e
            LEFT JOIN grid_queue_target t ON t.tenant = e.tenant AND t.conversation_id = e.conversation_id
            LEFT JOIN grid_queue_need n ON n.tenant = e.tenant AND n.conversation_id = e.conversation_id
            WHERE e.tenant = @tenant AND e.queue = @queue
            ORDER BY e.priority DESC, e.enqueued_ms
            """);
        Add(select, "tenant", tenant);
        Add(select, "queue", queue);
        var entries = new List<QueueEntry>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new QueueEntry(
                reader.GetString(0), reader.GetString(1), (Channel)reader.GetInt32(2), reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))
            {
                Requirements = reader.IsDBNull(7) ? [] : reader.GetString(7).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            });
        }

        return entries;
    }

    /// <summary>Applies a unit's waiting-list change inside its transaction.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, string tenant, string conversationId, WaitingListChange change)
    {
        var untarget = Reused(connection, transaction, "DELETE FROM grid_queue_target WHERE tenant = @tenant AND conversation_id = @conversation");
        Add(untarget, "tenant", tenant);
        Add(untarget, "conversation", conversationId);
        await untarget.ExecuteNonQueryAsync();
        if (change.Entry?.TargetAgent is { } target)
        {
            var insert = Reused(connection, transaction, "INSERT INTO grid_queue_target (tenant, conversation_id, agent_id) VALUES (@tenant, @conversation, @agent)");
            Add(insert, "tenant", tenant);
            Add(insert, "conversation", conversationId);
            Add(insert, "agent", target);
            await insert.ExecuteNonQueryAsync();
        }

        var unneed = Reused(connection, transaction, "DELETE FROM grid_queue_need WHERE tenant = @tenant AND conversation_id = @conversation");
        Add(unneed, "tenant", tenant);
        Add(unneed, "conversation", conversationId);
        await unneed.ExecuteNonQueryAsync();
        if (change.Entry is { Requirements.Count: > 0 } needing)
        {
            var insert = Reused(connection, transaction, "INSERT INTO grid_queue_need (tenant, conversation_id, needs) VALUES (@tenant, @conversation, @needs)");
            Add(insert, "tenant", tenant);
            Add(insert, "conversation", conversationId);
            Add(insert, "needs", string.Join('\n', needing.Requirements));
            await insert.ExecuteNonQueryAsync();
        }

        if (change.Entry is not { } entry)
        {
            var delete = Reused(connection, transaction, "DELETE FROM grid_queue_entry WHERE tenant = @tenant AND conversation_id = @conversation");
            Add(delete, "tenant", tenant);
            Add(delete, "conversation", conversationId);
            await delete.ExecuteNonQueryAsync();
            return;
        }

        // A conversation put back in the queue (declined, offer expired) keeps its original age.
        var upsert = Reused(connection, transaction, """
            INSERT INTO grid_queue_entry (tenant, conversation_id, queue, customer_id, channel, priority, enqueued_ms, reason)
            VALUES (@tenant, @conversation, @queue, @customer, @channel, @priority, @enqueued, @reason)
            ON CONFLICT (tenant, conversation_id) DO UPDATE SET queue = excluded.queue, priority = excluded.priority, reason = excluded.reason
            """);
        Add(upsert, "tenant", tenant);
        Add(upsert, "conversation", conversationId);
        Add(upsert, "queue", change.Queue);
        Add(upsert, "customer", entry.CustomerId);
        Add(upsert, "channel", (int)entry.Channel);
        Add(upsert, "priority", entry.Priority);
        Add(upsert, "enqueued", entry.EnqueuedAt.ToUnixTimeMilliseconds());
        Add(upsert, "reason", entry.Reason);
        await upsert.ExecuteNonQueryAsync();
    }
}
