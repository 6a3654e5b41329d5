using System.Data.Common;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>Incidents' deliveries (grid_incident_delivery) and contacts (grid_incident_contact).</summary>
internal sealed partial class SqlProactiveStore
{
    private const string DeliveryColumns = "message_no, customer_id, state, reason, channel, tried, outbound_id, due_ms";

    public async Task WriteDeliveriesAsync(string tenant, string incidentId, IReadOnlyList<PushDelivery> deliveries, DateTimeOffset now)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var delivery in deliveries)
        {
            await WriteDeliveryAsync(connection, transaction, tenant, incidentId, delivery, replace: true, now);
        }

        await transaction.CommitAsync();
    }

    /// <summary>Upserts one delivery (<paramref name="replace"/>) or inserts it unless recorded; true when it was written.</summary>
    private static async Task<bool> WriteDeliveryAsync(DbConnection connection, DbTransaction transaction, string tenant, string incidentId, PushDelivery delivery,
        bool replace, DateTimeOffset now)
    {
        var upsert = Reused(connection, transaction, replace
            ? $"""
                INSERT INTO grid_incident_delivery (tenant, incident_id, {DeliveryColumns}, updated_ms)
                VALUES (@tenant, @incident, @message, @customer, @state, @reason, @channel, @tried, @outbound, @due, @now)
                ON CONFLICT (tenant, incident_id, message_no, customer_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
                    channel = excluded.channel, tried = excluded.tried, outbound_id = excluded.outbound_id, due_ms = excluded.due_ms, updated_ms = excluded.updated_ms
                """
            : $"""
                INSERT INTO grid_incident_delivery (tenant, incident_id, {DeliveryColumns}, updated_ms)
                VALUES (@tenant, @incident, @message, @customer, @state, @reason, @channel, @tried, @outbound, @due, @now)
                ON CONFLICT (tenant, incident_id, message_no, customer_id) DO NOTHING
                """);
        Add(upsert, "tenant", tenant);
        Add(upsert, "incident", incidentId);
        Add(upsert, "message", delivery.MessageNo);
        Add(upsert, "customer", delivery.CustomerId);
        Add(upsert, "state", delivery.State);
        Add(upsert, "reason", delivery.Reason);
        Add(upsert, "channel", (int)delivery.Channel);
        Add(upsert, "tried", string.Join(",", delivery.Tried.Select(c => (int)c)));
        Add(upsert, "outbound", delivery.OutboundId);
        Add(upsert, "due", delivery.DueAt?.ToUnixTimeMilliseconds());
        Add(upsert, "now", now.ToUnixTimeMilliseconds());
        return await upsert.ExecuteNonQueryAsync() > 0;
    }

    public async Task<PushDelivery?> GetDeliveryAsync(string tenant, string incidentId, int messageNo, string customerId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, $"""
            SELECT {DeliveryColumns} FROM grid_incident_delivery WHERE tenant = @tenant AND incident_id = @incident AND message_no = @message AND customer_id = @customer
            """);
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        Add(select, "message", messageNo);
        Add(select, "customer", customerId);
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Delivery(reader) : null;
    }

    public async Task<bool> AdvanceAsync(string tenant, string incidentId, int messageNo, string customerId, string outboundId, string state,
        IReadOnlyCollection<string> from, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        await using var update = Command(connection, null, "");
        var names = from.Select((s, i) => { Add(update, "f" + i, s); return "@f" + i; }).ToList();
        update.CommandText = $"""
            UPDATE grid_incident_delivery SET state = @state, updated_ms = @now
            WHERE tenant = @tenant AND incident_id = @incident AND message_no = @message AND customer_id = @customer AND outbound_id = @outbound
              AND state IN ({string.Join(", ", names)})
            """;
        Add(update, "state", state);
        Add(update, "now", now.ToUnixTimeMilliseconds());
        Add(update, "tenant", tenant);
        Add(update, "incident", incidentId);
        Add(update, "message", messageNo);
        Add(update, "customer", customerId);
        Add(update, "outbound", outboundId);
        return await update.ExecuteNonQueryAsync() > 0;
    }

    public async Task<IReadOnlyList<PushDelivery>> DueAsync(string tenant, string incidentId, DateTimeOffset now, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, $"""
            SELECT {DeliveryColumns} FROM grid_incident_delivery
            WHERE tenant = @tenant AND incident_id = @incident AND due_ms IS NOT NULL AND due_ms <= @now AND state = 'deferred'
            ORDER BY due_ms LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        Add(select, "now", now.ToUnixTimeMilliseconds());
        Add(select, "limit", limit);
        var due = new List<PushDelivery>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due.Add(Delivery(reader));
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAsync(string tenant, string incidentId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null,
            "SELECT MIN(due_ms) FROM grid_incident_delivery WHERE tenant = @tenant AND incident_id = @incident AND due_ms IS NOT NULL AND state = 'deferred'");
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        return await select.ExecuteScalarAsync() is { } value and not DBNull ? DateTimeOffset.FromUnixTimeMilliseconds(ToLong(value)) : null;
    }

    public async Task<IReadOnlyList<DeliveryCount>> CountDeliveriesAsync(string tenant, string incidentId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT message_no, state, reason, COUNT(*) FROM grid_incident_delivery WHERE tenant = @tenant AND incident_id = @incident
            GROUP BY message_no, state, reason
            """);
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        var counts = new List<DeliveryCount>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(new DeliveryCount((int)ToLong(reader.GetValue(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (int)ToLong(reader.GetValue(3))));
        }

        return counts;
    }

    public async Task RecordContactAsync(string tenant, string incidentId, string customerId, string outcome, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        await using var upsert = Command(connection, null, """
            INSERT INTO grid_incident_contact (tenant, incident_id, customer_id, outcome, at_ms) VALUES (@tenant, @incident, @customer, @outcome, @now)
            ON CONFLICT (tenant, incident_id, customer_id) DO UPDATE SET outcome = excluded.outcome, at_ms = excluded.at_ms
            WHERE grid_incident_contact.outcome <> 'escalated'
            """);
        Add(upsert, "tenant", tenant);
        Add(upsert, "incident", incidentId);
        Add(upsert, "customer", customerId);
        Add(upsert, "outcome", outcome);
        Add(upsert, "now", now.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<string>> ContactsAsync(string tenant, string incidentId, string after, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT customer_id FROM grid_incident_contact WHERE tenant = @tenant AND incident_id = @incident AND customer_id > @after ORDER BY customer_id LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        Add(select, "after", after);
        Add(select, "limit", limit);
        var ids = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountContactsAsync(string tenant, string incidentId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null,
            "SELECT outcome, COUNT(*) FROM grid_incident_contact WHERE tenant = @tenant AND incident_id = @incident GROUP BY outcome");
        Add(select, "tenant", tenant);
        Add(select, "incident", incidentId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = (int)ToLong(reader.GetValue(1));
        }

        return counts;
    }

    private static PushDelivery Delivery(DbDataReader reader) => new(
        (int)ToLong(reader.GetValue(0)),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        (Channel)(int)ToLong(reader.GetValue(4)),
        [.. reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => (Channel)int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))],
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(ToLong(reader.GetValue(7))));
}
