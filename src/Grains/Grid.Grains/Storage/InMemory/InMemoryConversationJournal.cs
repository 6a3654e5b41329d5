using Grid.Conversations.Events;

namespace Grid.Storage.InMemory;

/// <summary>The journal in memory, with the same contract as the SQL journal (unit tests run both).</summary>
public sealed partial class InMemoryConversationJournal(InMemoryTables tables) : IConversationJournal
{
    public Task<UnitResult> AppendAsync(JournalUnit unit)
    {
        lock (tables.Gate)
        {
            var seq = unit.AfterSeq;
            foreach (var row in unit.Rows)
            {
                seq++;
                if (row.IdempotencyKey is not null && tables.Keys.TryGetValue((unit.Tenant, row.IdempotencySource!, row.IdempotencyKey), out var hit))
                {
                    return Task.FromResult(new UnitResult(UnitStatus.DuplicateKey, hit.Seq, [], new IdempotencyHit(hit.ConversationId, hit.Seq, hit.PayloadHash)));
                }

                if (tables.Seqs.Contains((unit.Tenant, unit.ConversationId, seq)))
                {
                    return Task.FromResult(new UnitResult(UnitStatus.SequenceTaken, seq, []));
                }
            }

            var outbound = new List<OutboxRow>();
            CustomerWrote? wrote = null;
            seq = unit.AfterSeq;
            foreach (var row in unit.Rows)
            {
                seq++;
                var record = new InMemoryTables.JournalRowRecord(tables.Journal.Count + 1, unit.Tenant, unit.ConversationId, seq, unit.CustomerId, row.PayloadHash, row.Event);
                tables.Journal.Add(record);
                tables.Seqs.Add((unit.Tenant, unit.ConversationId, seq));
                if (row.IdempotencyKey is not null)
                {
                    tables.Keys[(unit.Tenant, row.IdempotencySource!, row.IdempotencyKey)] = record;
                }

                wrote ??= row.Event as CustomerWrote;
                if (OutboxRows.From(unit.ConversationId, unit.CustomerId, seq, row.Event) is { } message)
                {
                    var stored = message with { Message = message.Message with { Cursor = tables.Outbox.Count + 1 } };
                    tables.Outbox.Add(new InMemoryTables.OutboxRecord(unit.Tenant, stored.Integrator, stored.Message));
                    outbound.Add(stored);
                }
            }

            if (unit.WaitingList is { } change)
            {
                InMemoryWaitingListStore.Apply(tables, unit.Tenant, unit.ConversationId, change);
            }

            if (unit.Index is { } indexChange)
            {
                InMemoryConversationIndexStore.Apply(tables, unit.Tenant, unit.ConversationId, indexChange);
            }

            foreach (var messageId in OutboxRows.ThreadIds(wrote, outbound))
            {
                tables.Threads.TryAdd((unit.Tenant, messageId), new ThreadHit(unit.ConversationId, unit.CustomerId));
            }

            return Task.FromResult(new UnitResult(UnitStatus.Appended, seq, outbound));
        }
    }

    public Task<EventPage> ReadAsync(string tenant, string conversationId, long afterSeq, int limit) =>
        Task.FromResult(Page(r => r.Tenant == tenant && r.ConversationId == conversationId, r => r.Seq, afterSeq, limit));

    public Task<EventPage> ReadTimelineAsync(string tenant, string customerId, long afterCursor, int limit) =>
        Task.FromResult(Page(r => r.Tenant == tenant && r.CustomerId == customerId, r => r.Id, afterCursor, limit));

    public Task<IdempotencyHit?> FindAsync(string tenant, string source, string key)
    {
        lock (tables.Gate)
        {
            return Task.FromResult(tables.Keys.TryGetValue((tenant, source, key), out var hit)
                ? new IdempotencyHit(hit.ConversationId, hit.Seq, hit.PayloadHash)
                : null);
        }
    }

    public Task<ThreadHit?> FindThreadAsync(string tenant, IReadOnlyList<string> messageIds)
    {
        lock (tables.Gate)
        {
            foreach (var messageId in messageIds)
            {
                if (tables.Threads.TryGetValue((tenant, messageId), out var hit))
                {
                    return Task.FromResult<ThreadHit?>(hit);
                }
            }

            return Task.FromResult<ThreadHit?>(null);
        }
    }

    private EventPage Page(Func<InMemoryTables.JournalRowRecord, bool> owner, Func<InMemoryTables.JournalRowRecord, long> cursor, long after, int limit)
    {
        lock (tables.Gate)
        {
            var rows = tables.Journal.Where(owner).Where(r => cursor(r) > after).OrderBy(cursor).Take(limit + 1).ToList();
            var page = rows.Take(limit).Select(r => new StoredEvent(cursor(r), r.ConversationId, r.Seq, r.Event)).ToList();
            return new EventPage(page, page.Count > 0 ? page[^1].Cursor : after, rows.Count > limit);
        }
    }
}
