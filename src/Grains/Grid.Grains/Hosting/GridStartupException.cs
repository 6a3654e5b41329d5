namespace Grid.Hosting;

/// <summary>
/// Something in the host's surroundings that stops the start and that a person fixes (a data directory that cannot be
/// used, one in use by another process): the host prints its message as one line and exits with code 1, without a
/// stack trace. Faults in Grid itself are not this exception.
/// </summary>
public sealed class GridStartupException(string message, Exception? inner = null) : Exception(message, inner);
