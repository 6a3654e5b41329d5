using Grid.CustomerDirectory;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Proactive;

/// <summary>
/// The fan-out, outbox first: a grain timer takes the audience in batches (keyset by customer id), plans each customer's
/// push, writes the batch's deliveries with their pushes' outbox rows in one transaction, then the cursor; the linker
/// then records the pushes in the customers' conversations (IncidentGrain.Links). A durable reminder restarts both after
/// a silo failure and sends deferred pushes when they fall due. Receipts move deliveries on; a failed one moves to the
/// next channel.
/// </summary>
internal sealed partial class IncidentGrain
{
    public const string ReminderName = "incident-fanout";

    private IGrainTimer? pump;

    // Until when the pump rests after its last tick's work (Grid:Proactive:MaxShare).
    private long restUntil;

    private bool HasWork => S.Definition is not null && S.DoneThrough < S.Messages.Count;

    private void StartPump() =>
        pump ??= this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)) { KeepAlive = true });

    /// <summary>
    /// Runs batches for about MaxShare × a second per tick (so reads and receipts get their turn); once the current
    /// message went through its audience, links written pushes into conversations (a round per tick), then the due
    /// deferred pushes. After a tick that worked t, the pump rests t × (1 − MaxShare) / MaxShare, so one incident takes
    /// at most that share of a silo's time and the inbound traffic keeps the rest.
    /// </summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        if (started < restUntil)
        {
            return;
        }

        try
        {
            var window = TimeSpan.FromSeconds(Options.MaxShare);
            while (HasWork && clock.GetElapsedTime(started) < window)
            {
                await BatchAsync();
            }

            if (HasWork || (linksPending && await LinkRoundAsync()))
            {
                return;
            }
        }
        finally
        {
            var worked = clock.GetElapsedTime(started);
            restUntil = clock.GetTimestamp() + (long)(worked.TotalSeconds * (1 - Options.MaxShare) / Options.MaxShare * clock.TimestampFrequency);
        }

        pump?.Dispose();
        pump = null;
        await SendDueAsync();
    }

    private async Task BatchAsync()
    {
        var message = S.Current!;
        var ids = message.OnlyContacted
            ? await store.ContactsAsync(tenant, incidentId, S.Cursor, Options.BatchSize)
            : await store.ResolveAsync(tenant, audience!, S.Cursor, Options.BatchSize);
        if (ids.Count == 0)
        {
            S.DoneThrough = message.No;
            S.Cursor = "";
            await state.WriteStateAsync();
            logger.LogInformation("Incident {IncidentId}: message {MessageNo} went through its whole audience", incidentId, message.No);
            return;
        }

        var customers = await store.ReadCustomersAsync(tenant, ids);
        var texts = IncidentTemplates.RenderAll(message.Templates, S.Definition!.Variables);
        var now = clock.GetUtcNow();
        var planned = ids.Select(id => Plan(message, id, customers.GetValueOrDefault(id), texts, now, [], ignoreQuietHours: false)).ToList();

        // The batch (deliveries and their pushes' outbox rows, one transaction) before the cursor: a failure between the
        // two redoes the batch, which writes nothing for the customers it recorded.
        await WriteAsync(planned, replace: false, now);
        S.Cursor = ids[^1];
        await state.WriteStateAsync();
        ProactiveMetrics.Batches.Inc();
    }

    /// <summary>
    /// Plans one customer's push (<see cref="PushPlanner"/> is the policy); a send is an outbox row under the push's
    /// outbound id (<see cref="PushOutboundIds"/>), recorded in the customer's conversation later by the linker.
    /// </summary>
    private PlannedDelivery Plan(IncidentMessage message, string customerId, DirectoryCustomer? customer, IReadOnlyDictionary<string, string> texts,
        DateTimeOffset now, IReadOnlyList<Channel> tried, bool ignoreQuietHours)
    {
        var plan = PushPlanner.Plan(customer, S.Definition!, texts, now, tried, ignoreQuietHours);
        OutboxRow? push = null;
        PushDelivery delivery;
        switch (plan)
        {
            case SendPlan send:
                var outboundId = PushOutboundIds.Format(incidentId, message.No, send.Route.Channel, customerId);
                var (text, _) = links.RenderPush(tenant, customerId, incidentId, message, send.Language, send.Text);
                push = new OutboxRow(send.Route.Integrator, new OutboundMessage(0, outboundId, "", 0, send.Route.Channel, send.Address, text,
                    EntryKind.SystemMessage, "incident:" + incidentId, now, null, customerId));
                delivery = new PushDelivery(message.No, customerId, DeliveryStates.Queued, null, send.Route.Channel, [.. tried, send.Route.Channel], outboundId, null);
                break;
            case DeferPlan defer:
                delivery = new PushDelivery(message.No, customerId, DeliveryStates.Deferred, "quiet-hours", Channel.Unspecified, tried, null, defer.Until);
                break;
            case SkipPlan skip:
                delivery = new PushDelivery(message.No, customerId, DeliveryStates.Skipped, skip.Reason, Channel.Unspecified, tried, null, null);
                break;
            default:
                delivery = new PushDelivery(message.No, customerId, DeliveryStates.Failed, "all-channels-failed", tried.Count > 0 ? tried[^1] : Channel.Unspecified, tried, null, null);
                break;
        }

        return new PlannedDelivery(delivery, push, message.Kind);
    }

    /// <summary>Writes planned deliveries as one unit, counts them, hints the outboxes that got rows, and has the linker run.</summary>
    private async Task WriteAsync(IReadOnlyList<PlannedDelivery> planned, bool replace, DateTimeOffset now)
    {
        var inserted = await store.WriteBatchAsync(tenant, incidentId, planned, replace, now);
        foreach (var delivery in planned.Select(p => p.Delivery))
        {
            ProactiveMetrics.Deliveries.WithLabels(delivery.State, delivery.Reason ?? "").Inc();
        }

        foreach (var rows in inserted.GroupBy(r => r.Integrator, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IOutboxGrain>(GridKeys.Outbox(tenant, rows.Key)).NotifyAsync([.. rows.Select(r => r.Message)]);
        }

        if (inserted.Count > 0)
        {
            linksPending = true;
            StartPump();
        }
    }

    /// <summary>Deferred pushes whose quiet hours ended go out now (skipped when the incident was cancelled, or resolved before an earlier message went).</summary>
    private async Task SendDueAsync()
    {
        var now = clock.GetUtcNow();
        var due = await store.DueAsync(tenant, incidentId, now, Options.BatchSize);
        if (due.Count == 0)
        {
            return;
        }

        var customers = await store.ReadCustomersAsync(tenant, [.. due.Select(d => d.CustomerId).Distinct()]);
        var planned = new List<PlannedDelivery>(due.Count);
        foreach (var deferred in due)
        {
            var message = S.Messages[deferred.MessageNo - 1];
            var superseded = S.Status == IncidentStatuses.Cancelled
                || (message.Kind != IncidentMessageKinds.Resolved && S.Messages.Exists(m => m.No > message.No && m.Kind == IncidentMessageKinds.Resolved));
            planned.Add(superseded
                ? new PlannedDelivery(deferred with { State = DeliveryStates.Skipped, Reason = S.Status == IncidentStatuses.Cancelled ? "cancelled" : "superseded", DueAt = null }, null, message.Kind)
                : Plan(message, deferred.CustomerId, customers.GetValueOrDefault(deferred.CustomerId),
                    IncidentTemplates.RenderAll(message.Templates, S.Definition!.Variables), now, deferred.Tried, ignoreQuietHours: true));
        }

        await WriteAsync(planned, replace: true, now);
    }

    public async Task ReceiptAsync(string customerId, int messageNo, string outboundId, ChannelEventType type)
    {
        var now = clock.GetUtcNow();
        switch (type)
        {
            case ChannelEventType.Sent:
                await store.AdvanceAsync(tenant, incidentId, messageNo, customerId, outboundId, DeliveryStates.Sent, [DeliveryStates.Queued], now);
                return;
            case ChannelEventType.Delivered:
                if (await store.AdvanceAsync(tenant, incidentId, messageNo, customerId, outboundId, DeliveryStates.Delivered, [DeliveryStates.Queued, DeliveryStates.Sent], now))
                {
                    ProactiveMetrics.Deliveries.WithLabels(DeliveryStates.Delivered, "").Inc();
                }

                return;
            case ChannelEventType.Failed when S.Definition is not null && messageNo >= 1 && messageNo <= S.Messages.Count:
                // Only the push of the current attempt fails over (a late or repeated receipt of an older one changes nothing).
                if (await store.GetDeliveryAsync(tenant, incidentId, messageNo, customerId) is not { } delivery || delivery.OutboundId != outboundId
                    || delivery.State is DeliveryStates.Delivered or DeliveryStates.Failed)
                {
                    return;
                }

                var message = S.Messages[messageNo - 1];
                var customer = (await store.ReadCustomersAsync(tenant, [customerId])).GetValueOrDefault(customerId);
                var next = Plan(message, customerId, customer, IncidentTemplates.RenderAll(message.Templates, S.Definition.Variables), now, delivery.Tried, ignoreQuietHours: true);
                await WriteAsync([next], replace: true, now);
                logger.LogInformation("Incident {IncidentId}: a push on {Channel} failed; next: {State} on {NextChannel}", incidentId, delivery.Channel, next.Delivery.State,
                    next.Delivery.Channel);
                return;
        }
    }

    public async Task ContactedAsync(string customerId, string outcome)
    {
        if (S.Definition is null)
        {
            return;
        }

        await store.RecordContactAsync(tenant, incidentId, customerId, outcome, clock.GetUtcNow());
        ProactiveMetrics.Contacts.WithLabels(outcome).Inc();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        linksPending = true; // a linker cut short by a failure, or a round that linked nothing, goes on
        if (HasWork || (await store.PendingLinksAsync(tenant, incidentId, 1)).Count > 0)
        {
            StartPump();
            return;
        }

        await SendDueAsync();
        if (S.Definition is null || (await store.NextDueAsync(tenant, incidentId) is null && (await store.PendingLinksAsync(tenant, incidentId, 1)).Count == 0))
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }
}
