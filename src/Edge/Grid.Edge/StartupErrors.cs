using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Edge;

/// <summary>
/// Settings that cannot work stop a host at start as one line on standard error and exit code 1, instead of an unhandled
/// exception (SIGABRT, a stack trace). <see cref="ValidateOptions"/> runs the options validated at start before the host
/// starts, so that the host does not log the failure with its stack trace first.
/// </summary>
public static class StartupErrors
{
    /// <summary>Validates every option registered with ValidateOnStart now (throws <see cref="OptionsValidationException"/>).</summary>
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The line to print for a configuration that cannot work, or null when <paramref name="exception"/> is something else.</summary>
    public static string? Explain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException invalid)
            {
                return "Grid cannot start: " + string.Join("; ", invalid.Failures.Select(f => f.TrimEnd('.'))) + ".";
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Explain).FirstOrDefault(line => line is not null);
            }
        }

        return null;
    }

    /// <summary>Prints <paramref name="line"/> on standard error and sets exit code 1.</summary>
    public static void Fail(string line)
    {
        Console.Error.WriteLine(line);
        Environment.ExitCode = 1;
    }
}
