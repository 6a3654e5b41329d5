using System.Data.Common;
using System.Text.Json;
using Grid.Proactive;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>Scheduled pushes (grid_scheduled_push), the same SQL on SQLite and PostgreSQL.</summary>
internal sealed class SqlScheduledPushStore(GridDatabase database) : IScheduledPushStore
{
    private const string Columns = "push_id, definition, payload_hash, status, reason, channel, tried, outbound_id, next_ms, sent_ms, created_ms, updated_ms";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ScheduledPushRow?> GetAsync(string tenant, string pushId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, $"SELECT {Columns} FROM grid_scheduled_push WHERE tenant = @tenant AND push_id = @push");
        Add(select, "tenant", tenant);
        Add(select, "push", pushId);
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Row(reader) : null;
    }

    public async Task<bool> InsertAsync(string tenant, ScheduledPushRow row)
    {
        await using var connection = await database.OpenAsync();
        await using var insert = Command(connection, null, $"""
            INSERT INTO grid_scheduled_push (tenant, customer_id, kind, due_ms, {Columns})
            VALUES (@tenant, @customer, @kind, @due, @push, @definition, @hash, @status, @reason, @channel, @tried, @outbound, @next, @sent, @created, @updated)
            ON CONFLICT (tenant, push_id) DO NOTHING
            """);
        Add(insert, "customer", row.Definition.CustomerId);
        Add(insert, "kind", row.Definition.Kind);
        Add(insert, "due", row.Definition.DueAt.ToUnixTimeMilliseconds());
        Add(insert, "definition", JsonSerializer.Serialize(row.Definition, Json));
        Add(insert, "hash", row.PayloadHash);
        Add(insert, "created", row.CreatedAt.ToUnixTimeMilliseconds());
        AddState(insert, tenant, row);
        return await insert.ExecuteNonQueryAsync() > 0;
    }

    public async Task UpdateAsync(string tenant, ScheduledPushRow row)
    {
        await using var connection = await database.OpenAsync();
        await using var update = Command(connection, null, """
            UPDATE grid_scheduled_push SET status = @status, reason = @reason, channel = @channel, tried = @tried, outbound_id = @outbound,
                next_ms = @next, sent_ms = @sent, updated_ms = @updated
            WHERE tenant = @tenant AND push_id = @push
            """);
        AddState(update, tenant, row);
        await update.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<ScheduledPushRow>> ListAsync(string tenant, string customerId, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, $"""
            SELECT {Columns} FROM grid_scheduled_push WHERE tenant = @tenant AND customer_id = @customer ORDER BY due_ms, push_id LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "customer", customerId);
        Add(select, "limit", limit);
        var rows = new List<ScheduledPushRow>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Row(reader));
        }

        return rows;
    }

    private static void AddState(DbCommand command, string tenant, ScheduledPushRow row)
    {
        Add(command, "tenant", tenant);
        Add(command, "push", row.PushId);
        Add(command, "status", row.Status);
        Add(command, "outbound", row.OutboundId);
        Add(command, "sent", row.SentAt?.ToUnixTimeMilliseconds());
        Add(command, "next", row.NextAt?.ToUnixTimeMilliseconds());
        Add(command, "reason", row.Reason);
        Add(command, "updated", row.UpdatedAt.ToUnixTimeMilliseconds());
        Add(command, "channel", (int)row.Channel);
        Add(command, "tried", string.Join(",", row.Tried.Select(c => (int)c)));
    }

    private static ScheduledPushRow Row(DbDataReader reader)
    {
        DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
        var tried = reader.GetString(6);
        return new ScheduledPushRow(
            reader.GetString(0),
            JsonSerializer.Deserialize<ScheduledPushDefinition>(reader.GetString(1), Json)!,
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            (Channel)reader.GetInt32(5),
            tried.Length == 0 ? [] : [.. tried.Split(',').Select(t => (Channel)int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))],
            reader.IsDBNull(7) ? null : reader.GetString(7),
            Time(8),
            Time(9),
            Time(10)!.Value,
            Time(11)!.Value);
    }
}

/// <summary>Internal messages straight into grid_outbox (incidents' participants' notices): the row the edges' outbound streams read, with no journal entry.</summary>
internal sealed class SqlInternalOutbox(GridDatabase database) : IInternalOutbox
{
    public async Task<bool> AppendAsync(string tenant, string integrator, OutboundMessage message)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var exists = Command(connection, transaction, "SELECT 1 FROM grid_outbox WHERE tenant = @tenant AND outbound_id = @outbound"))
        {
            Add(exists, "tenant", tenant);
            Add(exists, "outbound", message.OutboundId);
            if (await exists.ExecuteScalarAsync() is not null)
            {
                return false; // written before (a retry): its grain writes one notice at a time, so nothing races this check
            }
        }

        // The journal's own insert (its prepared command lives with this connection, which this call alone holds).
        await SqlOutboxStore.InsertAsync(connection, transaction, tenant, new OutboxRow(integrator, message));
        await transaction.CommitAsync();
        return true;
    }
}
