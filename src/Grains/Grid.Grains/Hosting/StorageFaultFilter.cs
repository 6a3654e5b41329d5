using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Grid.Hosting;

/// <summary>
/// Translates storage faults escaping a grain call into a <see cref="StorageFaultException"/> that serialises to the
/// caller: Orleans cannot serialise the database drivers' exceptions (an <c>NpgsqlException</c> reached clients as a
/// codec error, then gRPC INTERNAL). A fault anywhere in the exception's chain counts: a <see cref="DbException"/>
/// (connection refused, too many clients, a restart in progress, a full disk under SQLite) or a socket error is
/// transient; PostgreSQL's data exceptions (SQLSTATE class 22: a NUL byte, a value out of range) are not.
/// </summary>
internal sealed class StorageFaultFilter(ILogger<StorageFaultFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (Classify(ex) is { } transient)
        {
            if (transient)
            {
                logger.LogWarning("{Grain}.{Method} failed: storage unavailable ({Fault})", context.InterfaceName, context.MethodName, Fault(ex).GetType().Name);
                throw new StorageFaultException(true, "storage is unavailable; retry with the same idempotency key");
            }

            logger.LogInformation("{Grain}.{Method} refused: the database cannot store a value ({Fault})", context.InterfaceName, context.MethodName, Fault(ex).GetType().Name);
            throw new StorageFaultException(false, "a value of the request cannot be stored (a NUL character or a value out of range); fix the request");
        }
    }

    /// <summary>True: a transient storage fault; false: a value that can never be stored; null: not a storage fault.</summary>
    internal static bool? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StorageFaultException:
                    return null; // already translated by a grain this one called
                case Npgsql.PostgresException postgres when postgres.SqlState.StartsWith("22", StringComparison.Ordinal):
                    return false;
                case DbException or System.Net.Sockets.SocketException:
                    return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return aggregate.InnerExceptions.Select(Classify).FirstOrDefault(c => c is not null);
            }
        }

        return null;
    }

    private static Exception Fault(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or System.Net.Sockets.SocketException)
            {
                return current;
            }
        }

        return exception;
    }
}
