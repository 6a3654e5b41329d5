namespace Grid.Storage;

/// <summary>
/// What an erasure or an export covers in one tenant (docs/architecture.md, "GDPR and audit"): every row naming one of
/// the customers, and every row of one of the conversations (whoever wrote it).
/// </summary>
public sealed record ErasureScope(string Tenant, IReadOnlyList<string> CustomerIds, IReadOnlyList<string> ConversationIds)
{
    public bool IsEmpty => CustomerIds.Count == 0 && ConversationIds.Count == 0;
}

/// <summary>Rows read for an export, by table; each row its columns by name (numbers, text, or null).</summary>
public sealed class TableRows() : Dictionary<string, List<Dictionary<string, object?>>>(StringComparer.Ordinal)
{
    public void Add(string table, Dictionary<string, object?> row)
    {
        if (!TryGetValue(table, out var rows))
        {
            this[table] = rows = [];
        }

        rows.Add(row);
    }

    public void AddAll(TableRows other)
    {
        foreach (var (table, rows) in other)
        {
            foreach (var row in rows)
            {
                Add(table, row);
            }
        }
    }
}

/// <summary>How many rows an erasure deleted, by table.</summary>
public sealed class ErasedRows() : Dictionary<string, long>(StringComparer.Ordinal)
{
    public void Tally(string table, long rows)
    {
        if (rows > 0)
        {
            this[table] = (TryGetValue(table, out var before) ? before : 0) + rows;
        }
    }

    public void AddAll(ErasedRows other)
    {
        foreach (var (table, rows) in other)
        {
            Tally(table, rows);
        }
    }
}

/// <summary>A conversation closed (and not reopened since) and its customer, found by a retention run.</summary>
public sealed record ClosedConversation(string ConversationId, string CustomerId);
