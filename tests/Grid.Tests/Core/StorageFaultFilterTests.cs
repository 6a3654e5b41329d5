using Grid.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Grid.Tests.Core;

/// <summary>Which faults escaping a grain are storage faults, and which of those retrying can fix.</summary>
public sealed class StorageFaultFilterTests
{
    [Fact]
    public void Unreachable_databases_are_transient_and_values_the_database_refuses_are_not()
    {
        Assert.True(StorageFaultFilter.Classify(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(StorageFaultFilter.Classify(new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")));
        Assert.True(StorageFaultFilter.Classify(new SqliteException("database or disk is full", 13)));
        // Npgsql's answer when every connection of the capped pool stayed busy for its Timeout (the bounded wait): retriable.
        Assert.True(StorageFaultFilter.Classify(new NpgsqlException(
            "The connection pool has been exhausted, either raise 'Max Pool Size' (currently 25) or 'Timeout' (currently 15 seconds) in your connection string.",
            new TimeoutException())));
        Assert.True(StorageFaultFilter.Classify(new InvalidOperationException("write failed", new PostgresException("terminating connection", "FATAL", "FATAL", "57P01"))));
        Assert.True(StorageFaultFilter.Classify(new AggregateException(new TimeoutException(), new System.Net.Sockets.SocketException(111))));

        Assert.False(StorageFaultFilter.Classify(new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021")));
        Assert.False(StorageFaultFilter.Classify(new PostgresException("timestamp out of range", "ERROR", "ERROR", "22008")));

        Assert.Null(StorageFaultFilter.Classify(new InvalidOperationException("a bug")));
        Assert.Null(StorageFaultFilter.Classify(new StorageFaultException(true, "translated already")));
    }
}
