using System.Data.Common;
using System.Text;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The index of live conversations in the grid_conversation_index table; changed inside journal units (see <see cref="ApplyAsync"/>).</summary>
internal sealed class SqlConversationIndexStore(GridDatabase database) : IConversationIndexStore
{
    public async Task<LiveConversationPage> ListLiveAsync(string tenant, LiveConversationQuery query)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "");
        var sql = new StringBuilder("""
            SELECT conversation_id, customer_id, status, status_reason, queue, assigned_agent, priority, channel, language, opened_ms, updated_ms, waiting_since_ms
            FROM grid_conversation_index
            WHERE tenant = @tenant
            """);
        Add(select, "tenant", tenant);
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            Add(select, "status", (int)status);
        }

        if (query.Queue is { } queue)
        {
            sql.Append(" AND queue = @queue");
            Add(select, "queue", queue);
        }

        if (query.AssignedAgent is { } agent)
        {
            sql.Append(" AND assigned_agent = @agent");
            Add(select, "agent", agent);
        }

        if (query.After is { } after)
        {
            // Keyset: strictly after (priority, updated_ms, conversation_id) in the order below.
            sql.Append("""
                 AND (priority < @after_priority OR (priority = @after_priority AND (updated_ms > @after_updated
                     OR (updated_ms = @after_updated AND conversation_id > @after_id))))
                """);
            Add(select, "after_priority", after.Priority);
            Add(select, "after_updated", after.UpdatedAt.ToUnixTimeMilliseconds());
            Add(select, "after_id", after.ConversationId);
        }

        sql.Append(" ORDER BY priority DESC, updated_ms, conversation_id LIMIT @limit");
        Add(select, "limit", query.Limit + 1);
        select.CommandText = sql.ToString();

        var rows = new List<LiveConversation>(Math.Min(query.Limit, 256));
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (rows.Count == query.Limit)
            {
                return new LiveConversationPage(rows, LiveCursor.After(rows[^1]));
            }

            rows.Add(new LiveConversation(
                reader.GetString(0), reader.GetString(1), (ConversationStatus)reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), (Channel)reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), Time(reader.GetInt64(9)), Time(reader.GetInt64(10)),
                reader.IsDBNull(11) ? null : Time(reader.GetInt64(11))));
        }

        return new LiveConversationPage(rows, null);
    }

    /// <summary>Applies a unit's index change inside its transaction.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, string tenant, string conversationId, ConversationIndexChange change)
    {
        if (change.Entry is not { } row)
        {
            var delete = Reused(connection, transaction, "DELETE FROM grid_conversation_index WHERE tenant = @tenant AND conversation_id = @conversation");
            Add(delete, "tenant", tenant);
            Add(delete, "conversation", conversationId);
            await delete.ExecuteNonQueryAsync();
            return;
        }

        var upsert = Reused(connection, transaction, """
            INSERT INTO grid_conversation_index (tenant, conversation_id, customer_id, status, status_reason, queue, assigned_agent, priority, channel,
                language, opened_ms, updated_ms, waiting_since_ms)
            VALUES (@tenant, @conversation, @customer, @status, @reason, @queue, @agent, @priority, @channel, @language, @opened, @updated, @waiting)
            ON CONFLICT (tenant, conversation_id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status,
                status_reason = excluded.status_reason, queue = excluded.queue, assigned_agent = excluded.assigned_agent, priority = excluded.priority,
                channel = excluded.channel, language = excluded.language, opened_ms = excluded.opened_ms, updated_ms = excluded.updated_ms,
                waiting_since_ms = excluded.waiting_since_ms
            """);
        Add(upsert, "tenant", tenant);
        Add(upsert, "conversation", conversationId);
        Add(upsert, "customer", row.CustomerId);
        Add(upsert, "status", (int)row.Status);
        Add(upsert, "reason", row.StatusReason);
        Add(upsert, "queue", row.Queue);
        Add(upsert, "agent", row.AssignedAgent);
        Add(upsert, "priority", row.Priority);
        Add(upsert, "channel", (int)row.Channel);
        Add(upsert, "language", row.Language);
        Add(upsert, "opened", row.OpenedAt.ToUnixTimeMilliseconds());
        Add(upsert, "updated", row.UpdatedAt.ToUnixTimeMilliseconds());
        Add(upsert, "waiting", row.WaitingSince?.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
