using Grid.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Grid.FaultTests.Harness;

/// <summary>What the embedded host's journal (SQLite) holds of a load, read with SQL behind the host's back.</summary>
public static class EmbeddedJournal
{
    /// <summary>Every journal row of the grid's tenant whose idempotency key starts with the load's prefix.</summary>
    public static async Task<IReadOnlyList<StoredKey>> StoredKeysAsync(EmbeddedGrid grid, string prefix)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(grid.DataDir, "journal.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT idem_key, conversation_id, seq FROM grid_journal WHERE tenant = $tenant AND idem_key LIKE $prefix";
        command.Parameters.AddWithValue("$tenant", grid.Keys.Tenant);
        command.Parameters.AddWithValue("$prefix", prefix + "%");
        var rows = new List<StoredKey>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
