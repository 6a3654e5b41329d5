using Grid.Conversations.Events;

namespace Grid.Storage.InMemory;

/// <summary>GDPR export and erasure and retention's search, with the same contract as the SQL journal.</summary>
public sealed partial class InMemoryConversationJournal
{
    public Task<IReadOnlyList<string>> ConversationsOfAsync(string tenant, IReadOnlyList<string> customerIds)
    {
        lock (tables.Gate)
        {
            IReadOnlyList<string> found =
                [.. tables.Journal.Where(r => r.Tenant == tenant && customerIds.Contains(r.CustomerId)).Select(r => r.ConversationId).Distinct().Order(StringComparer.Ordinal)];
            return Task.FromResult(found);
        }
    }

    public Task<TableRows> ExportAsync(ErasureScope scope)
    {
        var rows = new TableRows();
        lock (tables.Gate)
        {
            foreach (var r in tables.Journal.Where(r => InScope(scope, r.Tenant, r.ConversationId, r.CustomerId)))
            {
                rows.Add("grid_journal", Row(("id", r.Id), ("conversation_id", r.ConversationId), ("seq", r.Seq), ("customer_id", r.CustomerId), ("body", EventCodec.Serialize(r.Event))));
            }

            foreach (var o in tables.Outbox.Where(o => InScope(scope, o.Tenant, o.Message.ConversationId, null)))
            {
                rows.Add("grid_outbox", Row(("integrator", o.Integrator), ("outbound_id", o.Message.OutboundId), ("conversation_id", o.Message.ConversationId), ("body", JournalJson.Serialize(o.Message))));
            }

            foreach (var ((tenant, outboundId), dead) in tables.Dead.Where(d => InScope(scope, d.Key.Tenant, d.Value.Row.Message.ConversationId, null)))
            {
                rows.Add("grid_outbox_dead", Row(("outbound_id", outboundId), ("integrator", dead.Integrator), ("reason", dead.Letter.Reason)));
            }

            foreach (var ((tenant, messageId), hit) in tables.Threads.Where(t => InScope(scope, t.Key.Tenant, t.Value.ConversationId, t.Value.CustomerId)))
            {
                rows.Add("grid_email_thread", Row(("message_id", messageId), ("conversation_id", hit.ConversationId), ("customer_id", hit.CustomerId)));
            }

            foreach (var ((tenant, conversation), (queue, entry)) in tables.Waiting.Where(w => InScope(scope, w.Key.Tenant, w.Key.Conversation, w.Value.Entry.CustomerId)))
            {
                rows.Add("grid_queue_entry", Row(("conversation_id", conversation), ("queue", queue), ("customer_id", entry.CustomerId), ("reason", entry.Reason)));
            }

            foreach (var ((tenant, conversation), live) in tables.Live.Where(l => InScope(scope, l.Key.Tenant, l.Key.Conversation, l.Value.CustomerId)))
            {
                rows.Add("grid_conversation_index", Row(("conversation_id", conversation), ("customer_id", live.CustomerId), ("status", live.Status.ToString())));
            }
        }

        return Task.FromResult(rows);
    }

    public Task<ErasedRows> EraseAsync(ErasureScope scope)
    {
        var erased = new ErasedRows();
        lock (tables.Gate)
        {
            var rows = tables.Journal.Where(r => InScope(scope, r.Tenant, r.ConversationId, r.CustomerId)).ToList();
            foreach (var row in rows)
            {
                tables.Seqs.Remove((row.Tenant, row.ConversationId, row.Seq));
            }

            foreach (var key in tables.Keys.Where(k => rows.Contains(k.Value)).Select(k => k.Key).ToList())
            {
                tables.Keys.Remove(key);
            }

            erased.Tally("grid_journal", tables.Journal.RemoveAll(rows.Contains));
            erased.Tally("grid_outbox_dead", RemoveWhere(tables.Dead, d => InScope(scope, d.Key.Tenant, d.Value.Row.Message.ConversationId, null)));
            erased.Tally("grid_outbox", tables.Outbox.RemoveAll(o => InScope(scope, o.Tenant, o.Message.ConversationId, null)));
            erased.Tally("grid_email_thread", RemoveWhere(tables.Threads, t => InScope(scope, t.Key.Tenant, t.Value.ConversationId, t.Value.CustomerId)));
            erased.Tally("grid_queue_entry", RemoveWhere(tables.Waiting, w => InScope(scope, w.Key.Tenant, w.Key.Conversation, w.Value.Entry.CustomerId)));
            erased.Tally("grid_conversation_index", RemoveWhere(tables.Live, l => InScope(scope, l.Key.Tenant, l.Key.Conversation, l.Value.CustomerId)));
        }

        return Task.FromResult(erased);
    }

    public Task<IReadOnlyList<ClosedConversation>> FindClosedAsync(string tenant, DateTimeOffset closedBefore, int limit)
    {
        lock (tables.Gate)
        {
            IReadOnlyList<ClosedConversation> closed =
            [
                .. tables.Journal
                    .Where(r => r.Tenant == tenant && r.Event is Closed && r.Event.At < closedBefore && !tables.Live.ContainsKey((tenant, r.ConversationId))
                        && !tables.Journal.Any(later => later.Tenant == tenant && later.ConversationId == r.ConversationId && later.Seq > r.Seq && later.Event is Reopened))
                    .OrderBy(r => r.Id)
                    .Take(limit)
                    .Select(r => new ClosedConversation(r.ConversationId, r.CustomerId)),
            ];
            return Task.FromResult(closed);
        }
    }

    private static bool InScope(ErasureScope scope, string tenant, string conversationId, string? customerId) =>
        tenant == scope.Tenant && (scope.ConversationIds.Contains(conversationId) || (customerId is not null && scope.CustomerIds.Contains(customerId)));

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] columns) =>
        columns.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal);

    private static int RemoveWhere<TKey, TValue>(Dictionary<TKey, TValue> table, Func<KeyValuePair<TKey, TValue>, bool> match)
        where TKey : notnull
    {
        var keys = table.Where(match).Select(e => e.Key).ToList();
        foreach (var key in keys)
        {
            table.Remove(key);
        }

        return keys.Count;
    }
}
