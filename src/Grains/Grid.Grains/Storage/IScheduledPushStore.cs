using Grid.Proactive;

namespace Grid.Storage;

/// <summary>
/// Scheduled pushes (grid_scheduled_push, docs/architecture.md, "Scheduled pushes"): one row per push with its
/// definition and where it stands. Exported and erased with the customer (<see cref="IDirectoryStore"/>'s tables).
/// </summary>
internal interface IScheduledPushStore
{
    Task<ScheduledPushRow?> GetAsync(string tenant, string pushId);

    /// <summary>Inserts the row unless one exists under its id; true when inserted.</summary>
    Task<bool> InsertAsync(string tenant, ScheduledPushRow row);

    /// <summary>Writes where the push stands (status, reason, channel, tried, outbound id, times).</summary>
    Task UpdateAsync(string tenant, ScheduledPushRow row);

    /// <summary>A customer's pushes, the earliest due first.</summary>
    Task<IReadOnlyList<ScheduledPushRow>> ListAsync(string tenant, string customerId, int limit);
}

/// <summary>A scheduled push's row: its definition and payload hash (the idempotency check), and where it stands.</summary>
internal sealed record ScheduledPushRow(
    string PushId,
    ScheduledPushDefinition Definition,
    string PayloadHash,
    string Status,
    string? Reason,
    Channel Channel,
    IReadOnlyList<Channel> Tried,
    string? OutboundId,
    DateTimeOffset? NextAt,
    DateTimeOffset? SentAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>When it should go next: the end of the quiet hours for a deferred push, else its due time.</summary>
    public DateTimeOffset WakeAt => Status == ScheduledPushStatuses.Deferred && NextAt is { } next ? next : Definition.DueAt;

    public ScheduledPushView View(bool created) =>
        new(PushId, Definition.CustomerId, Definition.Kind, Definition.DueAt, Status, Reason, Channel, OutboundId, SentAt,
            Status == ScheduledPushStatuses.Deferred ? NextAt : null, CreatedAt, Definition.Urgent, created);
}

/// <summary>Internal messages written straight to an integrator's outbox (incidents' participants' notices), outside any conversation.</summary>
internal interface IInternalOutbox
{
    /// <summary>Writes the message to the integrator's outbox unless its outbound id is there already; true when written.</summary>
    Task<bool> AppendAsync(string tenant, string integrator, OutboundMessage message);
}
