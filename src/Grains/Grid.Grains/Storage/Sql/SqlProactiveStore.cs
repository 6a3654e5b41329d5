using System.Data.Common;
using System.Text;
using System.Text.Json;
using Grid.CustomerDirectory;
using Grid.Proactive;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>The customer tag index and audiences (the same SQL on SQLite and PostgreSQL); deliveries are in the other part.</summary>
internal sealed partial class SqlProactiveStore(GridDatabase database, GroupCommitWriter writer) : IProactiveStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SetTagsAsync(string tenant, string customerId, IReadOnlyDictionary<string, string> set, IReadOnlyCollection<string> removeKeys)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var key in removeKeys)
        {
            await using var delete = Command(connection, transaction, "DELETE FROM grid_customer_tag WHERE tenant = @tenant AND customer_id = @customer AND tag_key = @key");
            Add(delete, "tenant", tenant);
            Add(delete, "customer", customerId);
            Add(delete, "key", key);
            await delete.ExecuteNonQueryAsync();
        }

        await UpsertTagsAsync(connection, transaction, tenant, customerId, set);
        await transaction.CommitAsync();
    }

    /// <summary>Replaces a customer's tags with <paramref name="tags"/> inside the caller's transaction (a directory import).</summary>
    public static async Task ReplaceTagsAsync(DbConnection connection, DbTransaction transaction, string tenant, string customerId, IReadOnlyDictionary<string, string> tags)
    {
        await using (var clear = Command(connection, transaction, "DELETE FROM grid_customer_tag WHERE tenant = @tenant AND customer_id = @customer"))
        {
            Add(clear, "tenant", tenant);
            Add(clear, "customer", customerId);
            await clear.ExecuteNonQueryAsync();
        }

        await UpsertTagsAsync(connection, transaction, tenant, customerId, tags);
    }

    private static async Task UpsertTagsAsync(DbConnection connection, DbTransaction transaction, string tenant, string customerId, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            await using var upsert = Command(connection, transaction, """
                INSERT INTO grid_customer_tag (tenant, customer_id, tag_key, tag_value) VALUES (@tenant, @customer, @key, @value)
                ON CONFLICT (tenant, customer_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value
                """);
            Add(upsert, "tenant", tenant);
            Add(upsert, "customer", customerId);
            Add(upsert, "key", key);
            Add(upsert, "value", value);
            await upsert.ExecuteNonQueryAsync();
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string tenant, string customerId)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "SELECT tag_key, tag_value FROM grid_customer_tag WHERE tenant = @tenant AND customer_id = @customer");
        Add(select, "tenant", tenant);
        Add(select, "customer", customerId);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tags[reader.GetString(0)] = reader.GetString(1);
        }

        return tags;
    }

    public async Task<IReadOnlyList<string>> ResolveAsync(string tenant, Audience audience, string after, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "");
        select.CommandText = $"SELECT customer_id FROM ({AudienceSql(select, tenant, audience, after)}) u ORDER BY customer_id LIMIT @limit";
        Add(select, "limit", limit);
        var ids = new List<string>(limit);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<int> CountAsync(string tenant, Audience audience)
    {
        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "");
        select.CommandText = $"SELECT COUNT(*) FROM ({AudienceSql(select, tenant, audience, "")}) u";
        return (int)ToLong(await select.ExecuteScalarAsync());
    }

    /// <summary>
    /// The audience as SQL: per conjunction, the first positive test drives an index range scan of
    /// (tenant, tag_key, tag_value, customer_id) and the other tests are EXISTS / NOT EXISTS probes of the primary key;
    /// conjunctions are joined by UNION (which also removes customers matched twice).
    /// </summary>
    private static string AudienceSql(DbCommand command, string tenant, Audience audience, string after)
    {
        Add(command, "tenant", tenant);
        Add(command, "after", after);
        var sql = new StringBuilder();
        var n = 0;
        foreach (var conjunction in audience.Conjunctions)
        {
            if (sql.Length > 0)
            {
                sql.Append(" UNION ");
            }

            var driver = conjunction.Positives.First();
            sql.Append("SELECT d.customer_id FROM grid_customer_tag d WHERE d.tenant = @tenant AND d.customer_id > @after AND ").Append(Test(command, "d", driver, ref n));
            foreach (var test in conjunction.Tests.Where(t => !ReferenceEquals(t, driver)))
            {
                sql.Append(test.Negated ? " AND NOT EXISTS (" : " AND EXISTS (")
                    .Append("SELECT 1 FROM grid_customer_tag t WHERE t.tenant = @tenant AND t.customer_id = d.customer_id AND ")
                    .Append(Test(command, "t", test, ref n)).Append(')');
            }
        }

        return sql.ToString();
    }

    private static string Test(DbCommand command, string alias, TagTest test, ref int n)
    {
        var key = "k" + n;
        Add(command, key, test.Key);
        var sql = $"{alias}.tag_key = @{key}";
        if (test.Value is { } value)
        {
            var name = "v" + n;
            Add(command, name, value);
            sql += $" AND {alias}.tag_value = @{name}";
        }

        n++;
        return sql;
    }

    public async Task<IReadOnlyDictionary<string, DirectoryCustomer>> ReadCustomersAsync(string tenant, IReadOnlyCollection<string> customerIds)
    {
        var customers = new Dictionary<string, DirectoryCustomer>(StringComparer.Ordinal);
        if (customerIds.Count == 0)
        {
            return customers;
        }

        await using var connection = await database.OpenAsync();
        await using var select = Command(connection, null, "");
        var names = new List<string>(customerIds.Count);
        foreach (var id in customerIds)
        {
            names.Add("@c" + names.Count);
            Add(select, "c" + (names.Count - 1), id);
        }

        Add(select, "tenant", tenant);
        select.CommandText = $"SELECT customer_id, record FROM grid_directory_customer WHERE tenant = @tenant AND customer_id IN ({string.Join(", ", names)})";
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            customers[reader.GetString(0)] = JsonSerializer.Deserialize<DirectoryCustomer>(reader.GetString(1), Json)!;
        }

        return customers;
    }
}
