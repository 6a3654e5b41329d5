using System.Data.Common;

namespace Grid.Storage;

/// <summary>One row to append to a conversation's journal, with its optional idempotency key and outbox row.</summary>
public sealed record JournalAppend(
    string Tenant,
    string CustomerId,
    JournalEntry Entry,
    string? IdempotencySource = null,
    string? IdempotencyKey = null,
    string? PayloadHash = null,
    string? OutboxIntegrator = null,
    OutboundMessage? Outbound = null,
    QueueChange? Queue = null);

/// <summary>A change of a conversation's place in a queue, written with the row that carries it.</summary>
/// <param name="Queue">The queue the conversation waits in.</param>
/// <param name="Entry">The entry to add (an existing one keeps its age); null removes the conversation from any queue.</param>
public sealed record QueueChange(string Queue, QueueEntry? Entry)
{
    public static QueueChange Remove { get; } = new("", null);
}

/// <summary>What happened to one appended row.</summary>
public enum AppendStatus
{
    Appended,
    DuplicateKey,
    SequenceTaken,
}

/// <summary>The result of one appended row: its status, and for a duplicate the row that holds the key.</summary>
public sealed record AppendRowResult(
    AppendStatus Status,
    string ConversationId,
    long Seq,
    string? PayloadHash,
    long OutboxCursor);

/// <summary>A stored idempotency key and what it points at.</summary>
public sealed record IdempotencyHit(string ConversationId, long Seq, string? PayloadHash);

/// <summary>
/// The journal (append-only, per conversation, gap-free seq) and the outbox, on SQLite or PostgreSQL.
/// Writes go through the <see cref="GroupCommitWriter"/>; reads use their own pooled connections.
/// </summary>
public sealed class JournalStore(GridDatabase database, GroupCommitWriter writer)
{
    /// <summary>
    /// Appends rows atomically (all in one savepoint of the next group commit) and returns one result per row.
    /// When a row's idempotency key or sequence number is taken, nothing of the unit is stored and the single
    /// result returned says why (for a duplicate key: where the original is).
    /// </summary>
    public Task<IReadOnlyList<AppendRowResult>> AppendAsync(IReadOnlyList<JournalAppend> rows) =>
        AppendUnitAsync(rows);

    private async Task<IReadOnlyList<AppendRowResult>> AppendUnitAsync(IReadOnlyList<JournalAppend> rows)
    {
        try
        {
            return await writer.ExecuteAsync<IReadOnlyList<AppendRowResult>>(async (connection, transaction) =>
            {
                var results = new List<AppendRowResult>(rows.Count);
                foreach (var row in rows)
                {
                    var result = await AppendRowAsync(connection, transaction, row);
                    if (result.Status != AppendStatus.Appended)
                    {
                        // Throwing makes the writer roll back this unit's savepoint: no row of a rejected unit is kept.
                        throw new UnitRejectedException(result);
                    }

                    results.Add(result);
                }

                return results;
            });
        }
        catch (UnitRejectedException rejected)
        {
            return [rejected.Result];
        }
    }

    private sealed class UnitRejectedException(AppendRowResult result) : Exception("The append unit was rejected.")
    {
        public AppendRowResult Result { get; } = result;
    }

    private static async Task<AppendRowResult> AppendRowAsync(DbConnection connection, DbTransaction transaction, JournalAppend row)
    {
        var entry = row.Entry;
        await using (var insert = Command(connection, transaction, """
            INSERT INTO grid_journal (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
            VALUES (@tenant, @conversation, @seq, @customer, @kind, @at, @source, @key, @hash, @body)
            ON CONFLICT DO NOTHING
            RETURNING id
            """))
        {
            Add(insert, "tenant", row.Tenant);
            Add(insert, "conversation", entry.ConversationId);
            Add(insert, "seq", entry.Seq);
            Add(insert, "customer", row.CustomerId);
            Add(insert, "kind", (int)entry.Kind);
            Add(insert, "at", entry.At.ToUnixTimeMilliseconds());
            Add(insert, "source", row.IdempotencySource);
            Add(insert, "key", row.IdempotencyKey);
            Add(insert, "hash", row.PayloadHash);
            Add(insert, "body", JournalJson.Serialize(entry));
            var id = await insert.ExecuteScalarAsync();
            if (id is not null and not DBNull)
            {
                var cursor = row.Outbound is null ? 0 : await InsertOutboxAsync(connection, transaction, row);
                if (row.Queue is { } change)
                {
                    await ChangeQueueAsync(connection, transaction, row.Tenant, entry.ConversationId, change);
                }

                return new AppendRowResult(AppendStatus.Appended, entry.ConversationId, entry.Seq, row.PayloadHash, cursor);
            }
        }

        if (row.IdempotencyKey is not null)
        {
            var hit = await FindAsync(connection, transaction, row.Tenant, row.IdempotencySource!, row.IdempotencyKey);
            if (hit is not null)
            {
                return new AppendRowResult(AppendStatus.DuplicateKey, hit.ConversationId, hit.Seq, hit.PayloadHash, 0);
            }
        }

        return new AppendRowResult(AppendStatus.SequenceTaken, entry.ConversationId, entry.Seq, null, 0);
    }

    private static async Task<long> InsertOutboxAsync(DbConnection connection, DbTransaction transaction, JournalAppend row)
    {
        var outbound = row.Outbound!;
        await using var insert = Command(connection, transaction, """
            INSERT INTO grid_outbox (tenant, integrator, outbound_id, conversation_id, seq, created_ms, body)
            VALUES (@tenant, @integrator, @outbound, @conversation, @seq, @created, @body)
            ON CONFLICT DO NOTHING
            RETURNING id
            """);
        Add(insert, "tenant", row.Tenant);
        Add(insert, "integrator", row.OutboxIntegrator);
        Add(insert, "outbound", outbound.OutboundId);
        Add(insert, "conversation", outbound.ConversationId);
        Add(insert, "seq", outbound.Seq);
        Add(insert, "created", outbound.CreatedAt.ToUnixTimeMilliseconds());
        Add(insert, "body", JournalJson.Serialize(outbound));
        var id = await insert.ExecuteScalarAsync();
        return id is null or DBNull ? 0 : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ChangeQueueAsync(DbConnection connection, DbTransaction transaction, string tenant, string conversationId, QueueChange change)
    {
        if (change.Entry is not { } entry)
        {
            await using var delete = Command(connection, transaction, "DELETE FROM grid_queue_entry WHERE tenant = @tenant AND conversation_id = @conversation");
            Add(delete, "tenant", tenant);
            Add(delete, "conversation", conversationId);
            await delete.ExecuteNonQueryAsync();
            return;
        }

        // A conversation put back in the queue (declined, offer expired) keeps its original age.
        await using var upsert = Command(connection, transaction, """
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

    /// <summary>The conversations waiting in a queue.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ReadQueueAsync(string tenant, string queue)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT conversation_id, customer_id, channel, priority, enqueued_ms, reason FROM grid_queue_entry
            WHERE tenant = @tenant AND queue = @queue
            ORDER BY priority DESC, enqueued_ms
            """);
        Add(select, "tenant", tenant);
        Add(select, "queue", queue);
        var entries = new List<QueueEntry>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new QueueEntry(
                reader.GetString(0), reader.GetString(1), (Channel)reader.GetInt32(2), reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetString(5)));
        }

        return entries;
    }

    /// <summary>The row holding an idempotency key, if any.</summary>
    public async Task<IdempotencyHit?> FindAsync(string tenant, string source, string key)
    {
        await using var connection = await database.OpenAsync();
        return await FindAsync(connection, null, tenant, source, key);
    }

    private static async Task<IdempotencyHit?> FindAsync(DbConnection connection, DbTransaction? transaction, string tenant, string source, string key)
    {
        await using var select = Command(connection, transaction, """
            SELECT conversation_id, seq, payload_hash FROM grid_journal
            WHERE tenant = @tenant AND idem_source = @source AND idem_key = @key
            """);
        Add(select, "tenant", tenant);
        Add(select, "source", source);
        Add(select, "key", key);
        await using var reader = await select.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new IdempotencyHit(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>The highest sequence number of a conversation, 0 when it has none.</summary>
    public async Task<long> MaxSeqAsync(string tenant, string conversationId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null,
            "SELECT COALESCE(MAX(seq), 0) FROM grid_journal WHERE tenant = @tenant AND conversation_id = @conversation");
        Add(select, "tenant", tenant);
        Add(select, "conversation", conversationId);
        var value = await select.ExecuteScalarAsync();
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Entries of a conversation after a sequence number, in order.</summary>
    public async Task<MessagePage> ReadAsync(string tenant, string conversationId, long afterSeq, int limit)
    {
        var (entries, last, hasMore) = await ReadPageAsync(
            "SELECT seq, body FROM grid_journal WHERE tenant = @tenant AND conversation_id = @owner AND seq > @after ORDER BY seq LIMIT @limit",
            tenant, conversationId, afterSeq, limit);
        return new MessagePage(entries, last, hasMore);
    }

    /// <summary>A customer's entries across conversations, in storage order, after a cursor.</summary>
    public async Task<TimelinePage> ReadTimelineAsync(string tenant, string customerId, long afterCursor, int limit)
    {
        var (entries, last, hasMore) = await ReadPageAsync(
            "SELECT id, body FROM grid_journal WHERE tenant = @tenant AND customer_id = @owner AND id > @after ORDER BY id LIMIT @limit",
            tenant, customerId, afterCursor, limit);
        return new TimelinePage(entries, last, hasMore);
    }

    /// <summary>One page of (key, body) rows: the entries, the last key read (the next cursor) and whether more follow.</summary>
    private async Task<(List<JournalEntry> Entries, long Last, bool HasMore)> ReadPageAsync(string sql, string tenant, string owner, long after, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, sql);
        Add(select, "tenant", tenant);
        Add(select, "owner", owner);
        Add(select, "after", after);
        Add(select, "limit", limit + 1);
        var entries = new List<JournalEntry>(Math.Min(limit, 256));
        var last = after;
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (entries.Count == limit)
            {
                return (entries, last, true);
            }

            last = reader.GetInt64(0);
            entries.Add(JournalJson.Deserialize<JournalEntry>(reader.GetString(1)));
        }

        return (entries, last, false);
    }

    /// <summary>Unacknowledged outbound messages of an integrator after a cursor, oldest first.</summary>
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

    /// <summary>Marks outbound messages acknowledged; returns how many were still pending.</summary>
    public Task<int> AckAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, DateTimeOffset now) =>
        writer.ExecuteAsync(async (connection, transaction) =>
        {
            var acked = 0;
            foreach (var id in outboundIds.Distinct(StringComparer.Ordinal))
            {
                await using var update = Command(connection, transaction, """
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

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
