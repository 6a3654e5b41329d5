using Grid.Hosting;

namespace Grid.Silo;

/// <summary>
/// What stops the start for a reason a person fixes (<see cref="GridStartupException"/>: a data directory that cannot be
/// used or is in use; settings that cannot work, see <see cref="Grid.Edge.StartupErrors"/>) becomes one line on standard
/// error and exit code 1, instead of an unhandled exception (SIGABRT and a stack trace). Anything else is a fault and
/// keeps its stack trace.
/// </summary>
public static class StartupFailure
{
    /// <summary>The line to print for <paramref name="exception"/>, or null when it is a fault.</summary>
    public static string? Explain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is GridStartupException startup)
            {
                return "Grid cannot start: " + startup.Message;
            }
        }

        return exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Select(Explain).FirstOrDefault(line => line is not null)
            : Grid.Edge.StartupErrors.Explain(exception);
    }
}
