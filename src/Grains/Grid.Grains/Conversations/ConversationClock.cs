using Grid.Conversations.Events;
using Grid.Escalation;

namespace Grid.Conversations;

/// <summary>
/// What happens to a conversation with time alone (docs/architecture.md, "Time"), pure: service-level deadlines by
/// priority (first response and resolution from the escalation, next response from the customer's message; a deadline
/// that starts outside opening hours starts at the next opening), status updates while the customer waits for a person
/// (not in the tenant's quiet hours), resolution after the customer's silence, and booked callbacks.
/// <see cref="NextDue"/> says when to wake the conversation; <see cref="Due"/> says what to append then.
/// </summary>
internal static class ConversationClock
{
    public const string ReminderName = "clock";

    public const string FirstResponse = "first-response";
    public const string NextResponse = "next-response";
    public const string Resolution = "resolution";

    /// <summary>The reason of a resolution for the customer's silence (no satisfaction question follows it).</summary>
    public const string SilentReason = "customer-silent";

    /// <summary>How much a missed deadline raises the priority (at most to 100).</summary>
    public const int BreachRaise = 20;

    private const string AutoResolve = "auto-resolve";
    private const string WaitingUpdate = "waiting-update";
    private const string Callback = "callback";

    /// <summary>The earliest instant something is due, or null when nothing runs on the clock.</summary>
    public static DateTimeOffset? NextDue(ConversationState s, TenantPolicy policy)
    {
        DateTimeOffset? next = null;
        foreach (var (_, at) in Deadlines(s, policy))
        {
            if (next is null || at < next)
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>Whether a status update is due (the caller then asks the queue for the customer's place).</summary>
    public static bool WaitingUpdateDue(ConversationState s, TenantPolicy policy, DateTimeOffset now) =>
        Deadlines(s, policy).Any(d => d.What == WaitingUpdate && d.At <= now);

    /// <summary>
    /// The events due at <paramref name="now"/>: missed deadlines (each raising the priority), a booked callback (and
    /// the escalation it brings when nobody holds the conversation), a status update (with the place in the queue when
    /// known), or the resolution for silence with its message.
    /// </summary>
    public static ConversationEvent[] Due(ConversationState s, TenantPolicy policy, DateTimeOffset now, QueuePlace? place = null)
    {
        var events = new List<ConversationEvent>();
        var priority = s.Priority;
        var language = s.Language ?? "fr";
        foreach (var (what, at) in Deadlines(s, policy).Where(d => d.At <= now).OrderBy(d => d.At))
        {
            switch (what)
            {
                case FirstResponse or NextResponse or Resolution:
                    priority = Math.Min(EscalationPolicyValidator.MaxPriority, priority + BreachRaise);
                    events.Add(new SlaBreached(what, at, priority) { At = now, Channel = s.CurrentChannel });
                    break;
                case Callback:
                    events.Add(new CallbackDue(at, s.CallbackNumber) { At = now, Channel = s.CurrentChannel });
                    if (s.Status is ConversationStatus.Resolved)
                    {
                        events.Add(new Reopened("callback") { At = now, Channel = s.CurrentChannel });
                    }

                    if (s.Status is ConversationStatus.New or ConversationStatus.Bot or ConversationStatus.Resolved)
                    {
                        events.Add(new Escalated(policy.Rules.Queue, "callback", priority, []) { At = now, Channel = Channel.Voice });
                    }

                    break;
                case WaitingUpdate:
                    var text = CustomerNotices.StillWaiting(language, place?.Position, place?.ExpectedWait, s.WaitingUpdates, policy.Wording);
                    if (CustomerNotices.RepeatsLast(s, text))
                    {
                        text = CustomerNotices.StillWaiting(language, place?.Position, place?.ExpectedWait, s.WaitingUpdates + 1, policy.Wording);
                    }

                    if (!CustomerNotices.RepeatsLast(s, text) && CustomerNotices.To(s, text, NoticePurposes.WaitingUpdate, now) is { } update)
                    {
                        events.Add(update);
                    }

                    break;
                case AutoResolve:
                    events.Add(new Resolved(s.AssignedAgent, SilentReason) { At = now, Channel = s.CurrentChannel });
                    if (CustomerNotices.To(s, CustomerNotices.AutoResolved(language, policy.Wording), NoticePurposes.AutoResolved, now) is { } told)
                    {
                        events.Add(told);
                    }

                    return [.. events]; // nothing else runs on a resolved conversation's clock
            }
        }

        return [.. events];
    }

    /// <summary>Everything pending on the conversation's clock, with when it falls due.</summary>
    private static IEnumerable<(string What, DateTimeOffset At)> Deadlines(ConversationState s, TenantPolicy policy)
    {
        var rules = policy.Rules;
        var withPeople = s.Status is ConversationStatus.Queued or ConversationStatus.Offered or ConversationStatus.WithAgent;
        if (s.CallbackAt is { } callback && s.Status != ConversationStatus.Closed)
        {
            yield return (Callback, callback);
        }

        if (withPeople && s.EscalatedAt is { } escalated && rules.SlaFor(s.Priority) is { } sla)
        {
            if (sla.FirstResponse is { } first && !s.AnsweredInCycle && !s.Breaches.Contains(FirstResponse))
            {
                yield return (FirstResponse, Opening(policy, escalated) + first);
            }

            if (sla.NextResponse is { } next && s.AnsweredInCycle && s.AwaitingReplySince is { } waiting && !s.Breaches.Contains(NextResponse))
            {
                yield return (NextResponse, Opening(policy, waiting) + next);
            }

            if (sla.Resolution is { } resolution && !s.Breaches.Contains(Resolution))
            {
                yield return (Resolution, Opening(policy, escalated) + resolution);
            }
        }

        if (rules.StatusInterval is { } interval && s.Status is ConversationStatus.Queued or ConversationStatus.Offered)
        {
            var said = s.Recent.Count > 0 ? s.Recent[^1].At : s.EscalatedAt ?? s.OpenedAt;
            var at = said + interval;
            yield return (WaitingUpdate, policy.Quiet?.End(at) ?? at);
        }

        if (rules.AutoResolveAfter is { } silence && s.Status is ConversationStatus.Bot or ConversationStatus.WithAgent
            && s.AwaitingReplySince is null && s.LastAnswerAt is { } answered && (s.LastCustomerAt is not { } wrote || answered >= wrote))
        {
            yield return (AutoResolve, answered + silence);
        }
    }

    /// <summary>A deadline that starts while nobody answers starts at the next opening.</summary>
    private static DateTimeOffset Opening(TenantPolicy policy, DateTimeOffset start) => policy.Schedule?.NextOpening(start) ?? start;
}
