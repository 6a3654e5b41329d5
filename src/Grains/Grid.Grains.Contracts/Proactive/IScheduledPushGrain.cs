namespace Grid.Proactive;

/// <summary>
/// One scheduled push (docs/architecture.md, "Scheduled pushes"). Key: tenant/pushId, the id derived from the customer
/// and the idempotency key. Its row is in grid_scheduled_push; a durable reminder wakes it at its time (a grain timer
/// makes it precise while active); at that time <c>PushPlanner</c> decides and the push goes into the customer's
/// conversation with its outbox row, once.
/// </summary>
[Alias("grid.IScheduledPushGrain")]
public interface IScheduledPushGrain : IGrainWithStringKey
{
    /// <summary>
    /// Schedules the push; the same definition again returns it (<see cref="ScheduledPushView.Created"/> false).
    /// Refused (<see cref="ProactiveRuleException"/>): another definition under the same key (conflict), bad content
    /// (invalid), a customer not in the directory (not_found).
    /// </summary>
    [Alias("ScheduleAsync")]
    Task<ScheduledPushView> ScheduleAsync(ScheduledPushDefinition definition);

    /// <summary>Cancels it before it is sent; a retry returns the same; wrong_state once sent, skipped or failed.</summary>
    [Alias("CancelAsync")]
    Task<ScheduledPushView> CancelAsync();

    /// <summary>The push; not_found when it was never scheduled (or was erased).</summary>
    [Alias("GetAsync")]
    Task<ScheduledPushView> GetAsync();

    /// <summary>A delivery receipt of its push (from the conversation); a failure moves it to the next channel.</summary>
    [OneWay]
    [Alias("ReceiptAsync")]
    Task ReceiptAsync(string outboundId, ChannelEventType type);
}

/// <summary>A tenant's scheduled pushes as lists (key: tenant; stateless worker: the pushes are a table).</summary>
[Alias("grid.IScheduledPushesGrain")]
public interface IScheduledPushesGrain : IGrainWithStringKey
{
    /// <summary>A customer's pushes, the earliest due first (at most <paramref name="limit"/>).</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<ScheduledPushView>> ListAsync(string customerId, int limit);
}
