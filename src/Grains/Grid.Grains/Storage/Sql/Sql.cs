using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Grid.Storage.Sql;

/// <summary>Small helpers shared by the SQL stores (the same SQL runs on SQLite and PostgreSQL).</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Prepared = [];

    /// <summary>
    /// A command kept with the journal writer's connection and reused for every execution of the same SQL, so SQLite
    /// parses and plans it once (about as much CPU as executing it, measured on the ingest path); parameters are
    /// cleared for the caller to bind. Only for the writer's connection (one caller at a time); never dispose it.
    /// </summary>
    public static DbCommand Reused(DbConnection connection, DbTransaction transaction, string sql)
    {
        var commands = Prepared.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static long ToLong(object? value) =>
        value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"column IN (@prefix0, @prefix1 …)" with the values bound on the command (at most a few hundred: see <see cref="Chunks"/>).</summary>
    public static string In(DbCommand command, string column, IReadOnlyList<string> values, string prefix)
    {
        var names = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var name = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add("@" + name);
            Add(command, name, values[i]);
        }

        return values.Count == 0 ? "1 = 0" : $"{column} IN ({string.Join(", ", names)})";
    }

    /// <summary>Values in groups small enough for one statement's parameters on both databases.</summary>
    public static IEnumerable<IReadOnlyList<string>> Chunks(IReadOnlyList<string> values, int size = 400)
    {
        for (var i = 0; i < values.Count; i += size)
        {
            yield return values.Skip(i).Take(size).ToList();
        }
    }

    /// <summary>Every row a command returns, each its columns by name (DBNull as null).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(DbCommand command)
    {
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
