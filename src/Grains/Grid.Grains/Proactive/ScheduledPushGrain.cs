using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Proactive;

/// <summary>
/// One scheduled push (docs/architecture.md, "Scheduled pushes"). Its row in grid_scheduled_push is the truth (the grain
/// keeps no state of its own, so a GDPR erasure of the row leaves nothing to send). A durable reminder wakes it at its
/// time — registered with the due time as its first tick, re-armed a day at a time for pushes further ahead — and a
/// grain timer makes the time precise while the grain is active; both only ever run <see cref="WakeAsync"/>, which
/// reads the row again and sends at most once (the journal's idempotency key answers a push redone after a crash).
/// </summary>
internal sealed partial class ScheduledPushGrain(
    IScheduledPushStore store,
    IProactiveStore proactive,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    TimeProvider clock,
    ILogger<ScheduledPushGrain> logger) : Grain, IScheduledPushGrain, IRemindable
{
    public const string ReminderName = "scheduled-push";

    /// <summary>The furthest ahead a reminder's first tick is set; a push further ahead re-arms it at that tick.</summary>
    public static readonly TimeSpan MaxReminderDue = TimeSpan.FromDays(1);

    /// <summary>A push due within this while the grain is active also gets a grain timer, for a precise time.</summary>
    public static readonly TimeSpan TimerHorizon = TimeSpan.FromMinutes(5);

    private string tenant = "";
    private string pushId = "";
    private IGrainTimer? timer;

    /// <summary>The reminder's period after its first tick: Orleans' minimum (one minute by default), at least a second.</summary>
    private TimeSpan Period => reminders.Value.MinimumReminderPeriod < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
        : reminders.Value.MinimumReminderPeriod > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : reminders.Value.MinimumReminderPeriod;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, pushId) = GridKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<ScheduledPushView> ScheduleAsync(ScheduledPushDefinition definition)
    {
        var hash = ScheduledPushValidator.Hash(definition);
        if (await store.GetAsync(tenant, pushId) is { } existing)
        {
            return Same(existing, hash);
        }

        var now = clock.GetUtcNow();
        ScheduledPushValidator.Validate(definition, now);
        var customer = (await proactive.ReadCustomersAsync(tenant, [definition.CustomerId])).GetValueOrDefault(definition.CustomerId)
            ?? throw new ProactiveRuleException(ProactiveRuleException.NotFound,
                $"customer_id: '{definition.CustomerId}' is not in the tenant's directory; import the customer first (DirectoryService.ImportDirectory)");
        ScheduledPushValidator.CheckLanguage(definition, customer);

        var row = new ScheduledPushRow(pushId, definition, hash, ScheduledPushStatuses.Scheduled, null, Channel.Unspecified, [], null, null, null, now, now);
        if (!await store.InsertAsync(tenant, row))
        {
            return Same((await store.GetAsync(tenant, pushId))!, hash); // scheduled meanwhile by another activation
        }

        ScheduledPushMetrics.Pushes.WithLabels(ScheduledPushStatuses.Scheduled).Inc();
        logger.LogInformation("Scheduled push {PushId} ({Kind}) of tenant {Tenant} for customer {CustomerId} due at {DueAt}", pushId, definition.Kind, tenant,
            definition.CustomerId, definition.DueAt);
        await ArmAsync(row.WakeAt);
        return row.View(created: true);
    }

    public async Task<ScheduledPushView> CancelAsync()
    {
        var row = await ExistingAsync();
        if (row.Status == ScheduledPushStatuses.Cancelled)
        {
            return row.View(created: false);
        }

        if (!ScheduledPushStatuses.IsWaiting(row.Status))
        {
            var when = row.SentAt is { } sent ? $" at {sent.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (outbound id {row.OutboundId})" : row.Reason is { } reason ? $" ({reason})" : "";
            throw new ProactiveRuleException(ProactiveRuleException.WrongState, $"scheduled push {pushId} was already {row.Status}{when}: it cannot be cancelled any more");
        }

        var cancelled = row with { Status = ScheduledPushStatuses.Cancelled, NextAt = null, UpdatedAt = clock.GetUtcNow() };
        await store.UpdateAsync(tenant, cancelled);
        ScheduledPushMetrics.Pushes.WithLabels(ScheduledPushStatuses.Cancelled).Inc();
        logger.LogInformation("Scheduled push {PushId} of tenant {Tenant} cancelled", pushId, tenant);
        await DisarmAsync();
        return cancelled.View(created: false);
    }

    public async Task<ScheduledPushView> GetAsync() => (await ExistingAsync()).View(created: false);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await WakeAsync();
        }
    }

    private ScheduledPushView Same(ScheduledPushRow existing, string hash) =>
        existing.PayloadHash == hash
            ? existing.View(created: false)
            : throw new ProactiveRuleException(ProactiveRuleException.Conflict,
                $"idempotency_key '{existing.Definition.IdempotencyKey}' already names scheduled push {pushId} of customer {existing.Definition.CustomerId} with another content; "
                + "cancel it and schedule again under another key, or use another key for another push");

    private async Task<ScheduledPushRow> ExistingAsync()
    {
        if (await store.GetAsync(tenant, pushId) is { } row)
        {
            return row;
        }

        DeactivateOnIdle();
        throw new ProactiveRuleException(ProactiveRuleException.NotFound, $"scheduled push {pushId} does not exist");
    }

    /// <summary>The reminder's first tick at <paramref name="at"/> (at most a day ahead), and a grain timer when it is close.</summary>
    private async Task ArmAsync(DateTimeOffset at)
    {
        var wait = at - clock.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        await this.RegisterOrUpdateReminder(ReminderName, wait > MaxReminderDue ? MaxReminderDue : wait, Period);
        timer?.Dispose();
        timer = wait <= TimerHorizon
            ? this.RegisterGrainTimer(_ => WakeAsync(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true })
            : null;
    }

    private async Task DisarmAsync()
    {
        timer?.Dispose();
        timer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
