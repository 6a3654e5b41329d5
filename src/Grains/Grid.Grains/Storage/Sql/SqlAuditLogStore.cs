using System.Text.Json;
using Grid.Privacy;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The audit log in grid_audit: targets as a JSON array of ids, details as a JSON object of strings.</summary>
internal sealed class SqlAuditLogStore(GridDatabase database) : IAuditLogStore
{
    public async Task<long> AppendAsync(string tenant, AuditRecord record)
    {
        await using var connection = await database.OpenAsync();
        await using var insert = Command(connection, null, """
            INSERT INTO grid_audit (tenant, at_ms, actor, action, targets, details)
            VALUES (@tenant, @at, @actor, @action, @targets, @details)
            RETURNING id
            """);
        Add(insert, "tenant", tenant);
        Add(insert, "at", record.At.ToUnixTimeMilliseconds());
        Add(insert, "actor", record.Actor);
        Add(insert, "action", record.Action);
        Add(insert, "targets", JsonSerializer.Serialize(record.Targets));
        Add(insert, "details", JsonSerializer.Serialize(record.Details));
        return ToLong(await insert.ExecuteScalarAsync());
    }

    public async Task<AuditPage> ListAsync(string tenant, AuditQuery query)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "");
        var where = new List<string> { "tenant = @tenant" };
        Add(select, "tenant", tenant);
        if (query.BeforeId > 0)
        {
            where.Add("id < @before");
            Add(select, "before", query.BeforeId);
        }

        if (query.Action is { } action)
        {
            where.Add("action = @action");
            Add(select, "action", action);
        }

        if (query.Actor is { } actor)
        {
            where.Add("actor = @actor");
            Add(select, "actor", actor);
        }

        if (query.Target is { } target)
        {
            // The JSON array holds the id quoted; exact matches are kept below (LIKE's '_' matches any character).
            where.Add("targets LIKE @target");
            Add(select, "target", "%" + JsonSerializer.Serialize(target) + "%");
        }

        if (query.Since is { } since)
        {
            where.Add("at_ms >= @since");
            Add(select, "since", since.ToUnixTimeMilliseconds());
        }

        if (query.Until is { } until)
        {
            where.Add("at_ms < @until");
            Add(select, "until", until.ToUnixTimeMilliseconds());
        }

        select.CommandText = $"SELECT id, at_ms, actor, action, targets, details FROM grid_audit WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @limit";
        Add(select, "limit", query.Limit + 1);
        var records = new List<AuditRecord>();
        var read = 0;
        long last = 0;
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (++read > query.Limit)
            {
                return new AuditPage(records, last); // more follow: the next page starts below the last row read
            }

            last = reader.GetInt64(0);
            var record = new AuditRecord(
                last,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? []);
            if (query.Target is null || record.Targets.Contains(query.Target, StringComparer.Ordinal))
            {
                records.Add(record);
            }
        }

        return new AuditPage(records, 0);
    }
}
