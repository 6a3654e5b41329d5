using System.Data.Common;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The outbox in the grid_outbox table; rows are inserted inside journal units (see <see cref="InsertAsync(DbConnection, DbTransaction, string, OutboxRow)"/>).</summary>
internal sealed class SqlOutboxStore(GridDatabase database, GroupCommitWriter writer) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboundMessage>> ReadPendingAsync(string tenant, string integrator, long afterCursor, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT id, body FROM grid_outbox
            WHERE tenant = @tenant AND integrator = @integrator AND acked_ms IS NULL AND id > @after
            ORDER BY id
            LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "integrator", integrator);
        Add(select, "after", afterCursor);
        Add(select, "limit", limit);
        var messages = new List<OutboundMessage>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(JournalJson.Deserialize<OutboundMessage>(reader.GetString(1)) with { Cursor = reader.GetInt64(0) });
        }

        return messages;
    }

    public Task<int> AckAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, DateTimeOffset now) =>
        writer.ExecuteAsync(async (connection, transaction) =>
        {
            var acked = 0;
            foreach (var id in outboundIds.Distinct(StringComparer.Ordinal))
            {
                var update = Reused(connection, transaction, """
                    UPDATE grid_outbox SET acked_ms = @now
                    WHERE tenant = @tenant AND integrator = @integrator AND outbound_id = @outbound AND acked_ms IS NULL
                    """);
                Add(update, "now", now.ToUnixTimeMilliseconds());
                Add(update, "tenant", tenant);
                Add(update, "integrator", integrator);
                Add(update, "outbound", id);
                acked += await update.ExecuteNonQueryAsync();
            }

            return acked;
        });

    public Task<int> DeadLetterAsync(string tenant, string integrator, IReadOnlyList<DeadLetterRequest> letters, DateTimeOffset now) =>
        writer.ExecuteAsync(async (connection, transaction) =>
        {
            var dead = 0;
            foreach (var letter in letters.DistinctBy(l => l.OutboundId))
            {
                var update = Reused(connection, transaction, """
                    UPDATE grid_outbox SET acked_ms = @now
                    WHERE tenant = @tenant AND integrator = @integrator AND outbound_id = @outbound AND acked_ms IS NULL
                    RETURNING id
                    """);
                Add(update, "now", now.ToUnixTimeMilliseconds());
                Add(update, "tenant", tenant);
                Add(update, "integrator", integrator);
                Add(update, "outbound", letter.OutboundId);
                if (await update.ExecuteScalarAsync() is not { } id)
                {
                    continue; // acknowledged meanwhile, or dead already
                }

                var insert = Reused(connection, transaction, """
                    INSERT INTO grid_outbox_dead (tenant, outbound_id, integrator, outbox_id, reason, attempts, dead_ms)
                    VALUES (@tenant, @outbound, @integrator, @id, @reason, @attempts, @now)
                    """);
                Add(insert, "tenant", tenant);
                Add(insert, "outbound", letter.OutboundId);
                Add(insert, "integrator", integrator);
                Add(insert, "id", ToLong(id));
                Add(insert, "reason", letter.Reason);
                Add(insert, "attempts", letter.Attempts);
                Add(insert, "now", now.ToUnixTimeMilliseconds());
                await insert.ExecuteNonQueryAsync();
                dead++;
            }

            return dead;
        });

    public async Task<IReadOnlyList<DeadLetter>> ReadDeadAsync(string tenant, string integrator, long afterCursor, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT o.id, o.body, d.reason, d.attempts, d.dead_ms FROM grid_outbox_dead d
            JOIN grid_outbox o ON o.id = d.outbox_id
            WHERE d.tenant = @tenant AND d.integrator = @integrator AND d.outbox_id > @after
            ORDER BY d.outbox_id
            LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "integrator", integrator);
        Add(select, "after", afterCursor);
        Add(select, "limit", limit);
        var letters = new List<DeadLetter>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = JournalJson.Deserialize<OutboundMessage>(reader.GetString(1)) with { Cursor = reader.GetInt64(0) };
            letters.Add(new DeadLetter(message, reader.GetString(2), reader.GetInt32(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return letters;
    }

    public Task<IReadOnlyList<OutboundMessage>> ResolveDeadAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, bool retry) =>
        writer.ExecuteAsync<IReadOnlyList<OutboundMessage>>(async (connection, transaction) =>
        {
            var resolved = new List<OutboundMessage>();
            foreach (var id in outboundIds.Distinct(StringComparer.Ordinal))
            {
                var delete = Reused(connection, transaction, """
                    DELETE FROM grid_outbox_dead WHERE tenant = @tenant AND integrator = @integrator AND outbound_id = @outbound
                    RETURNING outbox_id
                    """);
                Add(delete, "tenant", tenant);
                Add(delete, "integrator", integrator);
                Add(delete, "outbound", id);
                if (await delete.ExecuteScalarAsync() is not { } rowId)
                {
                    continue;
                }

                var row = Reused(connection, transaction, retry
                    ? "UPDATE grid_outbox SET acked_ms = NULL WHERE id = @id RETURNING body"
                    : "SELECT body FROM grid_outbox WHERE id = @id");
                Add(row, "id", ToLong(rowId));
                if (await row.ExecuteScalarAsync() is string body)
                {
                    resolved.Add(JournalJson.Deserialize<OutboundMessage>(body) with { Cursor = ToLong(rowId) });
                }
            }

            return resolved;
        });

    /// <summary>Inserts one outbox row inside a journal unit's transaction and returns it with its cursor.</summary>
    public static async Task<OutboxRow> InsertAsync(DbConnection connection, DbTransaction transaction, string tenant, OutboxRow row) =>
        (await InsertAsync(connection, transaction, tenant, row, ifNew: false))!;

    /// <summary>
    /// Inserts one outbox row inside the caller's transaction and returns it with its cursor; with <paramref name="ifNew"/>,
    /// a row whose outbound id is in the outbox already is left as it is and null returned (a batch redone).
    /// </summary>
    public static async Task<OutboxRow?> InsertAsync(DbConnection connection, DbTransaction transaction, string tenant, OutboxRow row, bool ifNew)
    {
        var message = row.Message;
        var insert = Reused(connection, transaction, $"""
            INSERT INTO grid_outbox (tenant, integrator, outbound_id, conversation_id, seq, created_ms, body)
            VALUES (@tenant, @integrator, @outbound, @conversation, @seq, @created, @body)
            {(ifNew ? "ON CONFLICT (tenant, outbound_id) DO NOTHING" : "")}
            RETURNING id
            """);
        Add(insert, "tenant", tenant);
        Add(insert, "integrator", row.Integrator);
        Add(insert, "outbound", message.OutboundId);
        Add(insert, "conversation", message.ConversationId);
        Add(insert, "seq", message.Seq);
        Add(insert, "created", message.CreatedAt.ToUnixTimeMilliseconds());
        Add(insert, "body", JournalJson.Serialize(message));
        var id = await insert.ExecuteScalarAsync();
        return id is null or DBNull ? null : row with { Message = message with { Cursor = ToLong(id) } };
    }
}
