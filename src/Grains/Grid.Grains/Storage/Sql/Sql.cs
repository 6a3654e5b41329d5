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
}
