namespace Grid;

internal static class GrainStateExtensions
{
    /// <summary>
    /// Writes grain state; when the write fails, the grain is deactivated so the next call re-reads the stored
    /// state instead of trusting an in-memory state that is ahead of the database.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, Grain grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Observes a call that is deliberately not awaited (to keep the call graph free of waiting cycles), logging its failure.</summary>
    public static void Forget(this Task task, Microsoft.Extensions.Logging.ILogger logger, string operation) =>
        task.ContinueWith(
            t => Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, t.Exception, "{Operation} failed", operation),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
