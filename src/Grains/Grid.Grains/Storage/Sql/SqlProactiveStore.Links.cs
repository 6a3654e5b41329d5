using System.Data.Common;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>
/// The fan-out's batches (deliveries with their pushes' outbox rows, one transaction) and the pushes waiting to be
/// linked into their conversations (grid_incident_link).
/// </summary>
internal sealed partial class SqlProactiveStore
{
    private const string LinkSelect = """
        SELECT l.incident_id, l.message_no, l.message_kind, l.customer_id, o.integrator, o.body, o.id FROM grid_incident_link l
        JOIN grid_outbox o ON o.tenant = l.tenant AND o.outbound_id = l.outbound_id
        WHERE l.tenant = @tenant AND
        """;

    /// <summary>
    /// Through the silo's group-commit writer, like journal units (its own savepoint: all of the batch or nothing): one
    /// writer on the database, so a batch never waits on the journal's lock with a busy timeout, nor makes it wait so.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> WriteBatchAsync(string tenant, string incidentId, IReadOnlyList<PlannedDelivery> deliveries, bool replace, DateTimeOffset now) =>
        deliveries.Count == 0
            ? Task.FromResult<IReadOnlyList<OutboxRow>>([])
            : writer.ExecuteAsync<IReadOnlyList<OutboxRow>>((connection, transaction) => WriteBatchAsync(connection, transaction, tenant, incidentId, deliveries, replace, now));

    private static async Task<IReadOnlyList<OutboxRow>> WriteBatchAsync(DbConnection connection, DbTransaction transaction, string tenant, string incidentId,
        IReadOnlyList<PlannedDelivery> deliveries, bool replace, DateTimeOffset now)
    {
        var inserted = new List<OutboxRow>();
        foreach (var (delivery, push, kind) in deliveries)
        {
            // A delivery recorded before (this batch redone after a crash) keeps its push: nothing is written for it.
            if (!await WriteDeliveryAsync(connection, transaction, tenant, incidentId, delivery, replace, now) || push is null)
            {
                continue;
            }

            var message = push.Message;
            if (await SqlOutboxStore.InsertAsync(connection, transaction, tenant, push, ifNew: true) is not { } row)
            {
                continue; // in the outbox already
            }

            var link = Reused(connection, transaction, """
                INSERT INTO grid_incident_link (tenant, outbound_id, incident_id, message_no, message_kind, customer_id)
                VALUES (@tenant, @outbound, @incident, @message, @kind, @customer)
                ON CONFLICT (tenant, outbound_id) DO NOTHING
                """);
            Add(link, "tenant", tenant);
            Add(link, "outbound", message.OutboundId);
            Add(link, "incident", incidentId);
            Add(link, "message", delivery.MessageNo);
            Add(link, "kind", kind);
            Add(link, "customer", delivery.CustomerId);
            await link.ExecuteNonQueryAsync();
            inserted.Add(row);
        }

        return inserted;
    }

    public Task<IReadOnlyList<PendingLink>> PendingLinksAsync(string tenant, string incidentId, int limit) =>
        ReadLinksAsync($"{LinkSelect} l.incident_id = @key ORDER BY l.customer_id, l.message_no LIMIT @limit", tenant, incidentId, limit);

    public Task<IReadOnlyList<PendingLink>> PendingLinksOfAsync(string tenant, string customerId) =>
        ReadLinksAsync($"{LinkSelect} l.customer_id = @key ORDER BY o.id LIMIT @limit", tenant, customerId, 100);

    public async Task<bool> HasPendingLinksAsync(string tenant)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "SELECT 1 FROM grid_incident_link WHERE tenant = @tenant LIMIT 1");
        Add(select, "tenant", tenant);
        return await select.ExecuteScalarAsync() is not (null or DBNull);
    }

    public Task LinkedAsync(string tenant, IReadOnlyList<LinkedPush> links) => links.Count == 0 ? Task.CompletedTask : writer.ExecuteAsync(async (connection, transaction) =>
    {
        foreach (var linked in links)
        {
            var delete = Reused(connection, transaction, "DELETE FROM grid_incident_link WHERE tenant = @tenant AND outbound_id = @outbound");
            Add(delete, "tenant", tenant);
            Add(delete, "outbound", linked.OutboundId);
            await delete.ExecuteNonQueryAsync();

            // The row names its conversation from now on (the body sent to the integrator stays as written).
            var update = Reused(connection, transaction, "UPDATE grid_outbox SET conversation_id = @conversation, seq = @seq WHERE tenant = @tenant AND outbound_id = @outbound");
            Add(update, "conversation", linked.ConversationId);
            Add(update, "seq", linked.Seq);
            Add(update, "tenant", tenant);
            Add(update, "outbound", linked.OutboundId);
            await update.ExecuteNonQueryAsync();
        }

        return links.Count;
    });

    private async Task<IReadOnlyList<PendingLink>> ReadLinksAsync(string sql, string tenant, string key, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, sql);
        Add(select, "tenant", tenant);
        Add(select, "key", key);
        Add(select, "limit", limit);
        var links = new List<PendingLink>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = JournalJson.Deserialize<OutboundMessage>(reader.GetString(5)) with { Cursor = ToLong(reader.GetValue(6)) };
            links.Add(new PendingLink(reader.GetString(0), (int)ToLong(reader.GetValue(1)), reader.GetString(2), reader.GetString(3), new OutboxRow(reader.GetString(4), message)));
        }

        return links;
    }
}
