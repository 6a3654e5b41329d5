using Grid.Escalation;
using Microsoft.Extensions.Logging;

namespace Grid.Conversations;

/// <summary>
/// The conversation's clock (docs/architecture.md, "Time"): one durable reminder wakes the conversation when
/// <see cref="ConversationClock"/> says something falls due (a service-level deadline, a status update, a resolution
/// for silence, a callback). The reminder is registered for the earliest due time and then ticks every
/// <c>Grid:Conversations:ClockPeriod</c>; it is moved only when something falls due sooner than it fires, or when it
/// fired with nothing due, so a busy conversation does not rewrite the reminder table with every message.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>When the clock reminder fires next as far as this activation knows (null: none registered).</summary>
    private DateTimeOffset? clockAt;

    /// <summary>False until this activation registered, removed or heard the reminder (it may exist from an earlier one).</summary>
    private bool clockKnown;

    private Task<TenantPolicy> PolicyAsync() => policies.GetAsync(tenant, Pipeline.Steps.EscalationStep.PolicyAge);

    private async Task TickAsync()
    {
        var policy = await PolicyAsync();
        var now = clock.GetUtcNow();
        (clockAt, clockKnown) = (now + Options.ClockPeriod, true); // a reminder that fired fires again after its period
        if (!S.Exists)
        {
            await ScheduleClockAsync(policy);
            return;
        }

        QueuePlace? place = null;
        if (ConversationClock.WaitingUpdateDue(S, policy, now))
        {
            place = await GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(tenant, S.Queue)).GetPlaceAsync(conversationId);
        }

        var events = ConversationClock.Due(S, policy, now, place);
        if (events.Length > 0)
        {
            await CommitAsync(Rows(events));
        }
        else
        {
            await ScheduleClockAsync(policy);
        }
    }

    /// <summary>Registers, moves or drops the clock reminder after a change; failures are logged and retried after the next change.</summary>
    private async Task ScheduleClockAsync(TenantPolicy? policy = null)
    {
        try
        {
            policy ??= await PolicyAsync();
            var next = S.Exists && S.Status != ConversationStatus.Closed ? ConversationClock.NextDue(S, policy) : null;
            if (next is null)
            {
                if (clockKnown && clockAt is null)
                {
                    return;
                }

                if (!clockKnown && !policy.HasTimers)
                {
                    return; // nothing can be due; a reminder left by an earlier policy removes itself when it fires
                }

                if (await this.GetReminder(ConversationClock.ReminderName) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                (clockAt, clockKnown) = (null, true);
                return;
            }

            var period = Options.ClockPeriod;
            if (clockKnown && clockAt is { } fires && fires <= next && next - fires < period)
            {
                return; // it fires before the due time, and again within a period of it
            }

            var now = clock.GetUtcNow();
            var due = next.Value > now ? next.Value - now : TimeSpan.FromMilliseconds(1);
            await this.RegisterOrUpdateReminder(ConversationClock.ReminderName, due, period);
            (clockAt, clockKnown) = (now + due, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            clockKnown = false;
            logger.LogWarning(ex, "Conversation {ConversationId} could not set its clock; the next change tries again", conversationId);
        }
    }
}
