using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Proactive;

/// <summary>
/// A scheduled push at its time: planned by <see cref="PushPlanner"/> as an incident's push (consent, preferred channel,
/// quiet hours in the customer's time zone unless urgent) and sent through the customer grain into their conversation
/// with its outbox row; deferred to the end of the quiet hours; skipped with the reason; moved to the next channel on a
/// FAILED receipt.
/// </summary>
internal sealed partial class ScheduledPushGrain
{
    /// <summary>The reminder's tick or the timer: reads the row, sends it when due, re-arms when not, stops when final or erased.</summary>
    private async Task WakeAsync()
    {
        if (await store.GetAsync(tenant, pushId) is not { } row || !ScheduledPushStatuses.IsWaiting(row.Status))
        {
            await DisarmAsync(); // erased, cancelled or done
            return;
        }

        if (row.WakeAt > clock.GetUtcNow())
        {
            await ArmAsync(row.WakeAt); // a push further ahead than the reminder's first tick, or a tick early
            return;
        }

        await DeliverAsync(row, ignoreQuietHours: row.Status == ScheduledPushStatuses.Deferred);
    }

    public async Task ReceiptAsync(string outboundId, ChannelEventType type)
    {
        if (type != ChannelEventType.Failed || await store.GetAsync(tenant, pushId) is not { } row
            || row.Status != ScheduledPushStatuses.Sent || row.OutboundId != outboundId)
        {
            return; // only the current attempt's failure moves on (a late or repeated receipt of an older one changes nothing)
        }

        logger.LogInformation("Scheduled push {PushId}: the push on {Channel} failed; trying the next channel", pushId, row.Channel);
        await DeliverAsync(row, ignoreQuietHours: true);
    }

    private async Task DeliverAsync(ScheduledPushRow row, bool ignoreQuietHours)
    {
        var definition = row.Definition;
        var now = clock.GetUtcNow();
        var customer = (await proactive.ReadCustomersAsync(tenant, [definition.CustomerId])).GetValueOrDefault(definition.CustomerId);
        var texts = IncidentTemplates.RenderAll(definition.Templates, definition.Variables);
        var next = PushPlanner.Plan(customer, ScheduledPushValidator.Policy(definition), texts, now, row.Tried, ignoreQuietHours) switch
        {
            SendPlan send => await SendAsync(row, send, now),
            DeferPlan defer => row with { Status = ScheduledPushStatuses.Deferred, NextAt = defer.Until, UpdatedAt = now },
            SkipPlan skip => row with { Status = ScheduledPushStatuses.Skipped, Reason = skip.Reason, NextAt = null, UpdatedAt = now },
            _ => row with { Status = ScheduledPushStatuses.Failed, Reason = "all-channels-failed", NextAt = null, UpdatedAt = now },
        };

        // The push before the row: a failure between the two redoes the push at the next tick, which the journal's
        // idempotency key (push, customer, channel) answers with the original.
        await store.UpdateAsync(tenant, next);
        ScheduledPushMetrics.Pushes.WithLabels(next.Status).Inc();
        if (next.Status == ScheduledPushStatuses.Deferred)
        {
            logger.LogInformation("Scheduled push {PushId}: customer {CustomerId} is in their quiet hours; deferred to {Until}", pushId, definition.CustomerId, next.NextAt);
            await ArmAsync(next.WakeAt);
            return;
        }

        logger.LogInformation("Scheduled push {PushId} of tenant {Tenant}: {Status} {Reason}", pushId, tenant, next.Status, next.Reason ?? "");
        await DisarmAsync();
    }

    private async Task<ScheduledPushRow> SendAsync(ScheduledPushRow row, SendPlan send, DateTimeOffset now)
    {
        var definition = row.Definition;
        var push = new ProactivePush(pushId, 1, definition.Kind, send.Route.Channel, send.Route.Integrator, send.Address, send.Text, send.Language);
        var result = await GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, definition.CustomerId)).PushAsync(push);
        return row with
        {
            Status = ScheduledPushStatuses.Sent, Reason = null, Channel = send.Route.Channel, Tried = [.. row.Tried, send.Route.Channel], OutboundId = result.OutboundId,
            NextAt = null, SentAt = now, UpdatedAt = now,
        };
    }
}
