using System.Data.Common;
using Grid.Conversations.Events;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>
/// The journal in the grid_journal table (SQLite or PostgreSQL). Units go through the silo's
/// <see cref="GroupCommitWriter"/>, each in its own savepoint; reads use pooled connections of their own.
/// </summary>
internal sealed partial class SqlConversationJournal(GridDatabase database, GroupCommitWriter writer) : IConversationJournal
{
    public async Task<UnitResult> AppendAsync(JournalUnit unit)
    {
        // A span from the unit handed to the writer to the commit that holds it (group commit included).
        using var span = GridTracing.Source.StartActivity("grid.journal.append", System.Diagnostics.ActivityKind.Internal);
        span?.SetTag("grid.conversation_id", unit.ConversationId);
        span?.SetTag("grid.journal.rows", unit.Rows.Count);
        try
        {
            var result = await writer.ExecuteAsync((connection, transaction) => AppendUnitAsync(connection, transaction, unit));
            span?.SetTag("grid.journal.seq", result.LastSeq);
            return result;
        }
        catch (UnitRejectedException rejected)
        {
            span?.SetTag("grid.journal.rejected", true);
            return rejected.Result;
        }
        catch (Exception failed) when (span is not null)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failed.GetType().Name);
            throw;
        }
    }

    private static async Task<UnitResult> AppendUnitAsync(DbConnection connection, DbTransaction transaction, JournalUnit unit)
    {
        var outbound = new List<OutboxRow>();
        CustomerWrote? wrote = null;
        var seq = unit.AfterSeq;
        foreach (var row in unit.Rows)
        {
            seq++;
            var insert = Reused(connection, transaction, """
                INSERT INTO grid_journal (tenant, conversation_id, seq, customer_id, kind, at_ms, idem_source, idem_key, payload_hash, body)
                VALUES (@tenant, @conversation, @seq, @customer, @kind, @at, @source, @key, @hash, @body)
                ON CONFLICT DO NOTHING
                RETURNING id
                """);
            {
                Add(insert, "tenant", unit.Tenant);
                Add(insert, "conversation", unit.ConversationId);
                Add(insert, "seq", seq);
                Add(insert, "customer", unit.CustomerId);
                Add(insert, "kind", (int)EventCodec.KindOf(row.Event));
                Add(insert, "at", row.Event.At.ToUnixTimeMilliseconds());
                Add(insert, "source", row.IdempotencySource);
                Add(insert, "key", row.IdempotencyKey);
                Add(insert, "hash", row.PayloadHash);
                Add(insert, "body", EventCodec.Serialize(row.Event));
                if (await insert.ExecuteScalarAsync() is null or DBNull)
                {
                    // Throwing makes the writer roll back this unit's savepoint: no row of a rejected unit is kept.
                    throw new UnitRejectedException(await RejectionAsync(connection, transaction, unit, row, seq));
                }
            }

            wrote ??= row.Event as CustomerWrote;
            if (OutboxRows.From(unit.ConversationId, unit.CustomerId, seq, row.Event) is { } message)
            {
                outbound.Add(await SqlOutboxStore.InsertAsync(connection, transaction, unit.Tenant, message));
            }
        }

        if (unit.WaitingList is { } change)
        {
            await SqlWaitingListStore.ApplyAsync(connection, transaction, unit.Tenant, unit.ConversationId, change);
        }

        if (unit.Index is { } indexChange)
        {
            await SqlConversationIndexStore.ApplyAsync(connection, transaction, unit.Tenant, unit.ConversationId, indexChange);
        }

        foreach (var messageId in OutboxRows.ThreadIds(wrote, outbound))
        {
            var index = Reused(connection, transaction, """
                INSERT INTO grid_email_thread (tenant, message_id, conversation_id, customer_id)
                VALUES (@tenant, @message, @conversation, @customer)
                ON CONFLICT DO NOTHING
                """);
            Add(index, "tenant", unit.Tenant);
            Add(index, "message", messageId);
            Add(index, "conversation", unit.ConversationId);
            Add(index, "customer", unit.CustomerId);
            await index.ExecuteNonQueryAsync();
        }

        return new UnitResult(UnitStatus.Appended, seq, outbound);
    }

    private static async Task<UnitResult> RejectionAsync(DbConnection connection, DbTransaction transaction, JournalUnit unit, JournalRow row, long seq)
    {
        if (row.IdempotencyKey is not null && await FindAsync(connection, transaction, unit.Tenant, row.IdempotencySource!, row.IdempotencyKey) is { } hit)
        {
            return new UnitResult(UnitStatus.DuplicateKey, hit.Seq, [], hit);
        }

        return new UnitResult(UnitStatus.SequenceTaken, seq, []);
    }

    private sealed class UnitRejectedException(UnitResult result) : Exception("The append unit was rejected.")
    {
        public UnitResult Result { get; } = result;
    }

    public async Task<EventPage> ReadAsync(string tenant, string conversationId, long afterSeq, int limit) =>
        await ReadPageAsync(
            "SELECT seq, conversation_id, seq, body FROM grid_journal WHERE tenant = @tenant AND conversation_id = @owner AND seq > @after ORDER BY seq LIMIT @limit",
            tenant, conversationId, afterSeq, limit);

    public async Task<EventPage> ReadTimelineAsync(string tenant, string customerId, long afterCursor, int limit) =>
        await ReadPageAsync(
            "SELECT id, conversation_id, seq, body FROM grid_journal WHERE tenant = @tenant AND customer_id = @owner AND id > @after ORDER BY id LIMIT @limit",
            tenant, customerId, afterCursor, limit);

    public async Task<IdempotencyHit?> FindAsync(string tenant, string source, string key)
    {
        await using var connection = await database.OpenAsync();
        return await FindAsync(connection, null, tenant, source, key);
    }

    public async Task<ThreadHit?> FindThreadAsync(string tenant, IReadOnlyList<string> messageIds)
    {
        if (messageIds.Count == 0)
        {
            return null;
        }

        await using var connection = await database.OpenAsync();
        foreach (var messageId in messageIds)
        {
            await using var select = Command(connection, null,
                "SELECT conversation_id, customer_id FROM grid_email_thread WHERE tenant = @tenant AND message_id = @message");
            Add(select, "tenant", tenant);
            Add(select, "message", messageId);
            await using var reader = await select.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return new ThreadHit(reader.GetString(0), reader.GetString(1));
            }
        }

        return null;
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

    /// <summary>One page of (cursor, conversation, seq, body) rows, the last cursor read and whether more follow.</summary>
    private async Task<EventPage> ReadPageAsync(string sql, string tenant, string owner, long after, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, sql);
        Add(select, "tenant", tenant);
        Add(select, "owner", owner);
        Add(select, "after", after);
        Add(select, "limit", limit + 1);
        var events = new List<StoredEvent>(Math.Min(limit, 256));
        var last = after;
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (events.Count == limit)
            {
                return new EventPage(events, last, true);
            }

            last = reader.GetInt64(0);
            events.Add(new StoredEvent(last, reader.GetString(1), reader.GetInt64(2), EventCodec.Deserialize(reader.GetString(3))));
        }

        return new EventPage(events, last, false);
    }
}
