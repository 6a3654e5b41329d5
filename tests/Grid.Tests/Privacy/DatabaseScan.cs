using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Grid.Tests.Privacy;

/// <summary>
/// Reads every column of every row of every table of a database with SQL (tables enumerated from the catalog) and
/// reports where any of a set of strings appears (text, and blobs read as UTF-8).
/// </summary>
public static class DatabaseScan
{
    public static async Task<List<string>> SqliteAsync(string path, IReadOnlyList<string> needles)
    {
        var hits = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        Assert.Contains(tables, t => t is "grid_journal" or "grid_grain_state"); // journal.db or orleans.db
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            hits.AddRange(await ScanAsync(Path.GetFileName(path) + ":" + table, reader, needles));
        }

        return hits;
    }

    public static async Task<List<string>> PostgresAsync(string connectionString, IReadOnlyList<string> needles)
    {
        var hits = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("grid_journal", tables);
        Assert.Contains("grid_grain_state", tables);
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            hits.AddRange(await ScanAsync(table, reader, needles));
        }

        return hits;
    }

    /// <summary>How many rows of a table hold <paramref name="needle"/> in any column (SQLite).</summary>
    public static async Task<int> CountSqliteAsync(string path, string table, string needle)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await select.ExecuteReaderAsync();
        return (await ScanAsync(table, reader, [needle])).Count;
    }

    private static async Task<List<string>> ScanAsync(string where, System.Data.Common.DbDataReader reader, IReadOnlyList<string> needles)
    {
        var hits = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.IsDBNull(i))
                {
                    continue;
                }

                var text = reader.GetValue(i) switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
                hits.AddRange(needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{where}.{reader.GetName(i)}: {n}"));
            }
        }

        return hits;
    }
}
