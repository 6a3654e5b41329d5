using System.Data.Common;
using static Grid.Storage.Sql.Sql;

namespace Grid.Storage.Sql;

/// <summary>GDPR export and erasure, and retention's search for closed conversations (docs/architecture.md, "GDPR and audit").</summary>
internal sealed partial class SqlConversationJournal
{
    /// <summary>
    /// The journal database's tables that hold a customer's or a conversation's rows, and the columns naming them (null:
    /// the table has no such column). Dead letters are reached through their outbox rows.
    /// </summary>
    private static readonly (string Table, string? Conversation, string? Customer)[] ScopedTables =
    [
        ("grid_journal", "conversation_id", "customer_id"),
        ("grid_outbox", "conversation_id", null),
        ("grid_email_thread", "conversation_id", "customer_id"),
        ("grid_queue_entry", "conversation_id", "customer_id"),
        ("grid_queue_target", "conversation_id", null),
        ("grid_queue_need", "conversation_id", null),
        ("grid_conversation_index", "conversation_id", "customer_id"),
    ];

    private const string DeadOfConversations =
        "outbox_id IN (SELECT id FROM grid_outbox WHERE tenant = @tenant AND {0})";

    public async Task<IReadOnlyList<string>> ConversationsOfAsync(string tenant, IReadOnlyList<string> customerIds)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync();
        foreach (var chunk in Chunks(customerIds))
        {
            await using var select = Command(connection, null, "");
            Add(select, "tenant", tenant);
            select.CommandText = $"SELECT DISTINCT conversation_id FROM grid_journal WHERE tenant = @tenant AND {In(select, "customer_id", chunk, "c")}";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        return [.. found];
    }

    public async Task<TableRows> ExportAsync(ErasureScope scope)
    {
        var rows = new TableRows();
        await using var connection = await database.OpenAsync();
        await ForEachStatementAsync(connection, null, scope, "SELECT *", async (table, command) =>
        {
            foreach (var row in await RowsAsync(command))
            {
                rows.Add(table, row);
            }
        });
        return rows;
    }

    public async Task<ErasedRows> EraseAsync(ErasureScope scope)
    {
        if (scope.IsEmpty)
        {
            return [];
        }

        // One transaction through the journal's writer (on SQLite the single writer connection): no unit of these
        // conversations commits half-erased.
        var erased = await writer.ExecuteAsync(async (connection, transaction) =>
        {
            var counts = new ErasedRows();
            await SecureDeleteAsync(connection, transaction, true);
            try
            {
                await ForEachStatementAsync(connection, transaction, scope, "DELETE", async (table, command) =>
                    counts.Tally(table, await command.ExecuteNonQueryAsync()));
            }
            finally
            {
                await SecureDeleteAsync(connection, transaction, false);
            }

            return counts;
        });
        await CheckpointAsync();
        return erased;
    }

    public async Task<IReadOnlyList<ClosedConversation>> FindClosedAsync(string tenant, DateTimeOffset closedBefore, int limit)
    {
        await using var connection = await database.OpenAsync();
        // The event's stable name leads its JSON body (EventCodec): '{"event":"closed"…'.
        await using var select = Command(connection, null, """
            SELECT c.conversation_id, c.customer_id FROM grid_journal c
            WHERE c.tenant = @tenant AND c.at_ms < @before AND c.body LIKE '{"event":"closed"%'
              AND NOT EXISTS (SELECT 1 FROM grid_journal r
                              WHERE r.tenant = c.tenant AND r.conversation_id = c.conversation_id AND r.seq > c.seq
                                AND r.body LIKE '{"event":"reopened"%')
              AND NOT EXISTS (SELECT 1 FROM grid_conversation_index i WHERE i.tenant = c.tenant AND i.conversation_id = c.conversation_id)
            ORDER BY c.id
            LIMIT @limit
            """);
        Add(select, "tenant", tenant);
        Add(select, "before", closedBefore.ToUnixTimeMilliseconds());
        Add(select, "limit", limit);
        var closed = new List<ClosedConversation>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            closed.Add(new ClosedConversation(reader.GetString(0), reader.GetString(1)));
        }

        return closed;
    }

    /// <summary>
    /// Runs "<paramref name="verb"/> FROM table WHERE …" for every scoped table and chunk of ids, dead letters before their
    /// outbox rows (their WHERE reads the outbox).
    /// </summary>
    private static async Task ForEachStatementAsync(
        DbConnection connection, DbTransaction? transaction, ErasureScope scope, string verb, Func<string, DbCommand, Task> run)
    {
        foreach (var chunk in Chunks(scope.ConversationIds))
        {
            await using var command = Command(connection, transaction, "");
            Add(command, "tenant", scope.Tenant);
            command.CommandText = $"{verb} FROM grid_outbox_dead WHERE tenant = @tenant AND " +
                string.Format(System.Globalization.CultureInfo.InvariantCulture, DeadOfConversations, In(command, "conversation_id", chunk, "v"));
            await run("grid_outbox_dead", command);
        }

        foreach (var (table, conversation, customer) in ScopedTables)
        {
            foreach (var (column, ids) in new[] { (conversation, scope.ConversationIds), (customer, scope.CustomerIds) })
            {
                if (column is null)
                {
                    continue;
                }

                foreach (var chunk in Chunks(ids))
                {
                    await using var command = Command(connection, transaction, "");
                    Add(command, "tenant", scope.Tenant);
                    command.CommandText = $"{verb} FROM {table} WHERE tenant = @tenant AND {In(command, column, chunk, "v")}";
                    if (verb != "DELETE" && column == customer && conversation is not null)
                    {
                        // An export reads each row once: rows of the scope's conversations were read by the first pass.
                        command.CommandText += " AND NOT " + In(command, conversation, scope.ConversationIds, "x");
                    }

                    await run(table, command);
                }
            }
        }
    }

    /// <summary>On SQLite, deleted content is overwritten with zeros rather than left in free pages of the file.</summary>
    private async Task SecureDeleteAsync(DbConnection connection, DbTransaction transaction, bool on)
    {
        if (database.Dialect == StorageDialect.Sqlite)
        {
            await using var pragma = Command(connection, transaction, on ? "PRAGMA secure_delete=ON" : "PRAGMA secure_delete=OFF");
            await pragma.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// On SQLite, copies the WAL into the database and truncates it, so the erased rows' old page images do not stay in
    /// the -wal file until the next checkpoint reuses it. A checkpoint blocked by a reader is left to the automatic ones.
    /// </summary>
    private async Task CheckpointAsync()
    {
        if (database.Dialect == StorageDialect.Sqlite)
        {
            await using var connection = await database.OpenAsync();
            await using var checkpoint = Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            await checkpoint.ExecuteNonQueryAsync();
        }
    }
}
