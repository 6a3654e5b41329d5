namespace Grid.FaultTests.Harness;

/// <summary>Runs a load while a fault script plays, and waits on what the load sees rather than on fixed sleeps.</summary>
public static class Faults
{
    /// <summary>Starts <paramref name="load"/>, marks its start, plays <paramref name="script"/>, then stops the load and lets it finish.</summary>
    public static async Task PlayAsync(FaultLoad load, Func<FaultLoad, Task> script)
    {
        using var stop = new CancellationTokenSource();
        load.Mark("load started");
        var running = load.RunAsync(stop.Token);
        try
        {
            await script(load);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    /// <summary>
    /// Waits until the load is served again: a call acknowledged after now and no failed call during the last
    /// <paramref name="quiet"/> (at most <paramref name="limit"/>, then the load's report tells what kept failing).
    /// </summary>
    public static async Task WaitRecoveredAsync(FaultLoad load, TimeSpan? quiet = null, TimeSpan? limit = null)
    {
        var from = load.NowMs;
        var quietMs = (long)(quiet ?? TimeSpan.FromSeconds(3)).TotalMilliseconds;
        var until = from + (long)(limit ?? TimeSpan.FromSeconds(120)).TotalMilliseconds;
        while (load.NowMs < until)
        {
            await Task.Delay(250);
            var now = load.NowMs;
            var recent = load.Calls.Where(c => c.EndedMs > from).ToList();
            var lastFailure = recent.Where(c => c.Code != Grpc.Core.StatusCode.OK).Select(c => c.EndedMs).DefaultIfEmpty(from).Max();
            if (recent.Any(c => c.Code == Grpc.Core.StatusCode.OK && c.EndedMs > lastFailure) && now - lastFailure >= quietMs)
            {
                return;
            }
        }
    }

    /// <summary>An environment variable as a positive number, or null when unset.</summary>
    public static int? Setting(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : null;

    /// <summary>
    /// Settings given to every process of an on-demand run: GRID_FAULT_SETTINGS="Grid__Orleans__Membership__ProbeTimeout=00:00:05;…"
    /// (to measure other settings, e.g. Orleans' defaults, against the shipped ones).
    /// </summary>
    public static Dictionary<string, string> ExtraSettings() =>
        (Environment.GetEnvironmentVariable("GRID_FAULT_SETTINGS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
}

/// <summary>A test that runs only when <c>variable</c> is set (the soak and the 10,000-conversation failover are on demand).</summary>
public sealed class OnDemandFactAttribute : FactAttribute
{
    public OnDemandFactAttribute(string variable)
    {
        if (Faults.Setting(variable) is null)
        {
            Skip = $"on demand: set {variable} (see docs/reliability.md)";
        }
    }
}
