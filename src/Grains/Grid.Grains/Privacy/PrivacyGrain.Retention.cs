using Grid.Bot;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Privacy;

/// <summary>
/// The tenant's retention policy: a durable reminder runs it every <c>Grid:Privacy:RetentionPeriod</c> while a policy
/// is set (reminders survive restarts and a silo's death); <see cref="RunRetentionAsync"/> runs it on demand.
/// </summary>
internal sealed partial class PrivacyGrain
{
    public const string RetentionReminder = "retention";
    public const string RetentionActor = "retention";
    public const int MaxKeepDays = 36_500;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A policy whose reminder was lost (set before a crash between the write and the registration) gets it back.
        if (state.State.KeepClosedDays > 0 && await this.GetReminder(RetentionReminder) is null)
        {
            await ScheduleAsync();
        }
    }

    public Task<RetentionPolicy> GetRetentionAsync() => Task.FromResult(Policy());

    public async Task<RetentionPolicy> SetRetentionAsync(int keepClosedDays, string actor)
    {
        if (keepClosedDays is < 0 or > MaxKeepDays)
        {
            throw new PrivacyRuleException(PrivacyRuleException.Invalid,
                $"keep_closed_days: {keepClosedDays} is out of range; give 1 to {MaxKeepDays} days, or 0 to keep closed conversations for ever");
        }

        if (keepClosedDays != state.State.KeepClosedDays)
        {
            state.State.KeepClosedDays = keepClosedDays;
            state.State.Version++;
            await state.WriteStateAsync();
        }

        if (keepClosedDays > 0)
        {
            await ScheduleAsync();
        }
        else if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await RecordAsync(actor, "gdpr.retention.set", [], new Dictionary<string, string>
        {
            ["keep_closed_days"] = Count(keepClosedDays),
            ["version"] = Count(state.State.Version),
        });
        logger.LogInformation("Retention of tenant {Tenant} set to {Days} days by {Actor}", Tenant, keepClosedDays, actor);
        return Policy();
    }

    public async Task<RetentionRun> RunRetentionAsync(DateTimeOffset? asOf, int limit, string actor)
    {
        if (state.State.KeepClosedDays <= 0)
        {
            throw new PrivacyRuleException(PrivacyRuleException.NoPolicy,
                "this tenant has no retention policy: set one with SetRetentionPolicy (keep_closed_days) first");
        }

        var now = clock.GetUtcNow();
        var closedBefore = (asOf ?? now) - TimeSpan.FromDays(state.State.KeepClosedDays);
        var closed = await journal.FindClosedAsync(Tenant, closedBefore, Math.Clamp(limit, 1, 10_000));
        var ids = closed.Select(c => c.ConversationId).Distinct(StringComparer.Ordinal).ToList();
        var rows = new ErasedRows();
        if (ids.Count > 0)
        {
            rows = await PurgeAsync(closed, ids);
        }

        state.State.LastRunAt = now;
        state.State.LastRunPurged = ids.Count;
        await state.WriteStateAsync();
        if (ids.Count > 0 || actor != RetentionActor)
        {
            var details = new Dictionary<string, string>
            {
                ["closed_before"] = closedBefore.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["conversations"] = Count(ids.Count),
            };
            foreach (var (table, count) in rows)
            {
                details["rows." + table] = Count(count);
            }

            await RecordAsync(actor, "gdpr.retention.run", ids, details);
        }

        logger.LogInformation("Retention of tenant {Tenant} run by {Actor}: {Conversations} conversations closed before {ClosedBefore} purged",
            Tenant, actor, ids.Count, closedBefore);
        return new RetentionRun(closedBefore, ids, new Dictionary<string, long>(rows));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetentionReminder)
        {
            return;
        }

        if (state.State.KeepClosedDays <= 0)
        {
            if (await this.GetReminder(RetentionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await RunRetentionAsync(null, options.Value.Privacy.RetentionBatch, RetentionActor);
    }

    /// <summary>Forgets the conversations (grains, tables, their customers' lists, the bot's misses), as an erasure does.</summary>
    private async Task<ErasedRows> PurgeAsync(IReadOnlyList<ClosedConversation> closed, IReadOnlyList<string> ids)
    {
        var scope = new ErasureScope(Tenant, [], ids);
        await ForgetGrainsAsync([], ids, []);
        var rows = await journal.EraseAsync(scope);
        foreach (var customer in closed.GroupBy(c => c.CustomerId, StringComparer.Ordinal))
        {
            await Customer(customer.Key).ForgetConversationsAsync([.. customer.Select(c => c.ConversationId)]);
        }

        rows.Tally("unanswered_questions", await GrainFactory.GetGrain<IUnansweredQuestionsGrain>(Tenant).ForgetConversationsAsync(ids));
        await ForgetGrainsAsync([], ids, []);
        return rows;
    }

    private Task ScheduleAsync()
    {
        var period = options.Value.Privacy.RetentionPeriod;
        return this.RegisterOrUpdateReminder(RetentionReminder, period, period);
    }

    private RetentionPolicy Policy() =>
        new(state.State.KeepClosedDays, state.State.Version, state.State.LastRunAt, state.State.LastRunPurged);
}
