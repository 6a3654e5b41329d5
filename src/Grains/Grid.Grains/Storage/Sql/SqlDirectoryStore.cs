using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.CustomerDirectory;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The customer directory in grid_directory_customer (records as JSON) and grid_directory_key (lookups).</summary>
internal sealed class SqlDirectoryStore(GridDatabase database) : IDirectoryStore
{
    // A customer's rows in the journal's database outside the journal itself, exported and erased together (GDPR): the
    // directory record and keys, and the proactive pushes' tags, deliveries and contacts (tags can be personal data), and
    // scheduled pushes (their templates and variables). A push's outbox row not yet linked to a conversation
    // (grid_incident_link) is the customer's too; once linked it names its conversation and goes with the journal's rows.
    // It comes before the link rows that find it.
    private static readonly string[] Tables =
        ["grid_directory_key", "grid_directory_customer", "grid_customer_tag", "grid_incident_delivery", "grid_incident_contact",
            "grid_scheduled_push", "grid_outbox", "grid_incident_link"];

    private static string Of(DbCommand command, string table, IReadOnlyList<string> chunk) => table == "grid_outbox"
        ? $"outbound_id IN (SELECT outbound_id FROM grid_incident_link WHERE tenant = @tenant AND {In(command, "customer_id", chunk, "c")})"
        : In(command, "customer_id", chunk, "c");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<DirectoryWrite>> UpsertAsync(string tenant, IReadOnlyList<DirectoryEntry> entries, DateTimeOffset now)
    {
        var results = new List<DirectoryWrite>(entries.Count);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var entry in entries)
        {
            var record = JsonSerializer.Serialize(entry.Customer, Json);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record + "\n" + string.Join("\n", entry.Keys.Select(k => k.Lookup + " " + k.Kind)))));
            await using var select = Command(connection, transaction, "SELECT record_hash FROM grid_directory_customer WHERE tenant = @tenant AND customer_id = @customer");
            Add(select, "tenant", tenant);
            Add(select, "customer", entry.Customer.Id);
            var existing = await select.ExecuteScalarAsync() as string;
            if (existing == hash)
            {
                results.Add(DirectoryWrite.Unchanged);
                continue;
            }

            await using (var upsert = Command(connection, transaction, """
                INSERT INTO grid_directory_customer (tenant, customer_id, record, record_hash, updated_ms)
                VALUES (@tenant, @customer, @record, @hash, @now)
                ON CONFLICT (tenant, customer_id) DO UPDATE SET record = excluded.record, record_hash = excluded.record_hash, updated_ms = excluded.updated_ms
                """))
            {
                Add(upsert, "tenant", tenant);
                Add(upsert, "customer", entry.Customer.Id);
                Add(upsert, "record", record);
                Add(upsert, "hash", hash);
                Add(upsert, "now", now.ToUnixTimeMilliseconds());
                await upsert.ExecuteNonQueryAsync();
            }

            await using (var clear = Command(connection, transaction, "DELETE FROM grid_directory_key WHERE tenant = @tenant AND customer_id = @customer"))
            {
                Add(clear, "tenant", tenant);
                Add(clear, "customer", entry.Customer.Id);
                await clear.ExecuteNonQueryAsync();
            }

            foreach (var (lookup, kind) in entry.Keys.DistinctBy(k => k.Lookup))
            {
                await using var insert = Command(connection, transaction,
                    "INSERT INTO grid_directory_key (tenant, lookup, customer_id, kind) VALUES (@tenant, @lookup, @customer, @kind)");
                Add(insert, "tenant", tenant);
                Add(insert, "lookup", lookup);
                Add(insert, "customer", entry.Customer.Id);
                Add(insert, "kind", kind);
                await insert.ExecuteNonQueryAsync();
            }

            // The record's tags are the customer's audience tags from now on (docs/architecture.md, "Proactive pushes").
            await SqlProactiveStore.ReplaceTagsAsync(connection, transaction, tenant, entry.Customer.Id, Proactive.CustomerTags.Index(entry.Customer.Tags));
            results.Add(existing is null ? DirectoryWrite.Created : DirectoryWrite.Updated);
        }

        await transaction.CommitAsync();
        return results;
    }

    public async Task<DirectoryCustomer?> GetAsync(string tenant, string customerId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "SELECT record FROM grid_directory_customer WHERE tenant = @tenant AND customer_id = @customer");
        Add(select, "tenant", tenant);
        Add(select, "customer", customerId);
        return await select.ExecuteScalarAsync() is string record ? JsonSerializer.Deserialize<DirectoryCustomer>(record, Json) : null;
    }

    public async Task<DirectoryPage> ListAsync(string tenant, string? after, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, """
            SELECT record FROM grid_directory_customer WHERE tenant = @tenant AND customer_id > @after ORDER BY customer_id LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "after", after ?? "");
        Add(select, "limit", limit + 1);
        var customers = new List<DirectoryCustomer>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            customers.Add(JsonSerializer.Deserialize<DirectoryCustomer>(reader.GetString(0), Json)!);
        }

        var more = customers.Count > limit;
        if (more)
        {
            customers.RemoveAt(customers.Count - 1);
        }

        return new DirectoryPage(customers, more ? customers[^1].Id : null);
    }

    public async Task<IReadOnlyList<DirectoryKeyHit>> LookupAsync(string tenant, IReadOnlyCollection<string> lookups)
    {
        if (lookups.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync();
        var names = lookups.Select((_, i) => "@k" + i).ToList();
        await using var select = Command(connection, null,
            $"SELECT lookup, customer_id, kind FROM grid_directory_key WHERE tenant = @tenant AND lookup IN ({string.Join(", ", names)})");
        Add(select, "tenant", tenant);
        var index = 0;
        foreach (var lookup in lookups)
        {
            Add(select, "k" + index++, lookup);
        }

        var hits = new List<DirectoryKeyHit>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hits.Add(new DirectoryKeyHit(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return hits;
    }

    public async Task<TableRows> ExportAsync(string tenant, IReadOnlyList<string> customerIds)
    {
        var rows = new TableRows();
        await using var connection = await database.OpenAsync();
        foreach (var table in Tables)
        {
            foreach (var chunk in Chunks(customerIds))
            {
                await using var select = Command(connection, null, "");
                Add(select, "tenant", tenant);
                select.CommandText = $"SELECT * FROM {table} WHERE tenant = @tenant AND {Of(select, table, chunk)}";
                foreach (var row in await RowsAsync(select))
                {
                    rows.Add(table, row);
                }
            }
        }

        return rows;
    }

    public async Task<ErasedRows> EraseAsync(string tenant, IReadOnlyList<string> customerIds)
    {
        var erased = new ErasedRows();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (database.Dialect == StorageDialect.Sqlite)
        {
            await using var pragma = Command(connection, transaction, "PRAGMA secure_delete=ON");
            await pragma.ExecuteNonQueryAsync();
        }

        foreach (var table in Tables)
        {
            foreach (var chunk in Chunks(customerIds))
            {
                await using var delete = Command(connection, transaction, "");
                Add(delete, "tenant", tenant);
                delete.CommandText = $"DELETE FROM {table} WHERE tenant = @tenant AND {Of(delete, table, chunk)}";
                erased.Tally(table, await delete.ExecuteNonQueryAsync());
            }
        }

        await transaction.CommitAsync();
        if (database.Dialect == StorageDialect.Sqlite)
        {
            await using var pragma = Command(connection, null, "PRAGMA secure_delete=OFF"); // the pooled connection as it was
            await pragma.ExecuteNonQueryAsync();
        }

        return erased;
    }
}
