using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Conversations;

/// <summary>
/// The conversation state machine of DESIGN §4. Calls into this grain are not interleaved (except reads), so
/// sequence numbers are assigned and journaled one unit at a time: gap-free and total.
/// </summary>
internal sealed class ConversationGrain(
    [PersistentState("conversation", "grid")] IPersistentState<ConversationState> state,
    JournalStore journal,
    IEnumerable<IInboundStep> steps,
    ILanguageDetector languages,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    private const string CloseReminder = "close-after-resolution";
    private const string StatusEvent = "status";

    private string tenant = "";
    private string conversationId = "";
    private long lastSeq;

    private ConversationState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, conversationId) = GridKeys.Split(this.GetPrimaryKeyString());
        lastSeq = await journal.MaxSeqAsync(tenant, conversationId);
        if (lastSeq > S.AppliedSeq)
        {
            await ReplayTransitionsAsync();
            if (S.Status is ConversationStatus.Queued or ConversationStatus.Offered)
            {
                // The enqueue that followed the lost state write may never have happened; enqueueing is idempotent.
                await Queue().EnqueueAsync(new QueueEntry(conversationId, S.CustomerId, S.CurrentChannel, 0, clock.GetUtcNow(), S.StatusReason ?? "replayed"));
            }
        }

        GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Inc();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Dec();
        return Task.CompletedTask;
    }

    public async Task<AppendResult> AppendInboundAsync(InboundMessage message, string customerId)
    {
        if (S.Status == ConversationStatus.Resolved && S.ResolvedAt + options.Value.Conversations.ReopenWindow < clock.GetUtcNow())
        {
            await CloseAsync("reopen-window-elapsed");
        }

        if (S.Status == ConversationStatus.Closed)
        {
            return new AppendResult(AppendOutcome.Closed, conversationId, 0);
        }

        var language = languages.Detect(message.Text, S.Language ?? options.Value.Conversations.DefaultLanguage);
        var context = new InboundContext(message, S.Status, language);
        foreach (var step in steps)
        {
            step.Decide(context);
        }

        var entry = new JournalEntry(
            conversationId, 0, EntryKind.CustomerMessage, message.ReceivedAt, message.Channel, "customer:" + customerId,
            message.Text, null, null, message.ExternalId, message.Email, message.Attachments, message.Metadata,
            new ReplyAddress(message.SenderAddress, message.Integrator), message.SentAt);
        var rows = new List<JournalAppend>
        {
            new(tenant, customerId, entry, InboundKeys.Source(message.Integrator), message.ExternalId, message.PayloadHash),
        };
        QueueEntry? waiting = null;
        if (context.Escalation is { } escalation)
        {
            waiting = new QueueEntry(conversationId, customerId, message.Channel, escalation.Priority, clock.GetUtcNow(), escalation.Reason);
            rows.Add(Transition(customerId, ConversationStatus.Queued, escalation.Reason, ("queue", escalation.Queue)) with
            {
                Queue = new QueueChange(escalation.Queue, waiting),
            });
        }

        var route = new ReplyRoute(message.Channel, message.SenderAddress, message.Integrator);
        foreach (var (kind, text) in context.Replies)
        {
            rows.Add(OutboundRow(customerId, route, kind, "system", text, lastSeq + 1 + rows.Count, message.Email));
        }

        var results = await AppendAsync(rows);
        if (results[0].Status == AppendStatus.DuplicateKey)
        {
            if (!string.Equals(results[0].PayloadHash, message.PayloadHash, StringComparison.Ordinal))
            {
                throw new IdempotencyConflictException(
                    $"External id '{message.ExternalId}' was already used by integrator '{message.Integrator}' for a different message; use a new external id for a new message.");
            }

            GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(message.Channel), "duplicate").Inc();
            return new AppendResult(AppendOutcome.Duplicate, results[0].ConversationId, results[0].Seq);
        }

        GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(message.Channel), "appended").Inc();
        var seq = results[0].Seq;
        var dirty = S.CustomerId != customerId || S.ReplyTo != route || S.Language != language || (message.Email is not null && S.LastEmail != message.Email);
        if (S.Status == ConversationStatus.New)
        {
            S.OpenedAt = message.ReceivedAt;
        }

        S.CustomerId = customerId;
        S.CurrentChannel = message.Channel;
        S.ReplyTo = route;
        S.LastEmail = message.Email ?? S.LastEmail;
        S.Language = language;
        if (context.Escalation is { } queued)
        {
            S.Queue = queued.Queue;
            SetStatus(ConversationStatus.Queued, queued.Reason);
            S.AssignedAgent = null;
            dirty = true;
        }

        if (dirty)
        {
            S.AppliedSeq = lastSeq;
            await state.WriteOrDeactivateAsync(this);
        }

        await NotifyOutboxAsync(rows, results);
        if (waiting is not null)
        {
            // The row is already durable; this call only spares the queue its next re-read of the table.
            await Queue().EnqueueAsync(waiting);
        }

        if (S.Status == ConversationStatus.WithAgent && S.AssignedAgent is { } agent)
        {
            await Agent(agent).PushAsync(new AgentEvent(AgentEventKind.Message, conversationId, entry with { Seq = seq }, null, null, null));
        }

        return new AppendResult(AppendOutcome.Appended, conversationId, seq);
    }

    public Task<ConversationView> GetAsync() => Task.FromResult(View());

    public Task<bool> ExistsAsync() => Task.FromResult(state.RecordExists || lastSeq > 0);

    public Task<MessagePage> ReadAsync(long afterSeq, int limit) => journal.ReadAsync(tenant, conversationId, afterSeq, limit);

    public async Task OfferAsync(string agentId, string offerId)
    {
        if (S.Status is not (ConversationStatus.Queued or ConversationStatus.Offered))
        {
            // The queue holds a stale entry (a removal was lost): tell it again. The queue never awaits us.
            await Queue().RemoveAsync(conversationId);
            return;
        }

        if (S.Status == ConversationStatus.Offered && S.OfferedAgent is { } previous && previous != agentId)
        {
            await Agent(previous).PushAsync(new AgentEvent(AgentEventKind.OfferWithdrawn, conversationId, null, null, S.OfferId, null));
        }

        await AppendAsync([Transition(S.CustomerId, ConversationStatus.Offered, "offered", ("agent", agentId))]);
        SetStatus(ConversationStatus.Offered, "offered");
        S.OfferedAgent = agentId;
        S.OfferId = offerId;
        await SaveAsync();
        GridMetrics.Offers.WithLabels("made").Inc();
        await Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.Offer, conversationId, null, View(), offerId, null));
    }

    public async Task OfferExpiredAsync(string agentId, string offerId)
    {
        if (S.Status != ConversationStatus.Offered || S.OfferId != offerId)
        {
            return;
        }

        await AppendAsync([Transition(S.CustomerId, ConversationStatus.Queued, "offer-timeout", ("agent", agentId))]);
        SetStatus(ConversationStatus.Queued, "offer-timeout");
        S.OfferedAgent = null;
        S.OfferId = null;
        await SaveAsync();
        GridMetrics.Offers.WithLabels("expired").Inc();
        await Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.OfferWithdrawn, conversationId, null, null, offerId, null));
    }

    public async Task<ConversationView> AcceptAsync(string agentId)
    {
        if (S.Status == ConversationStatus.WithAgent && S.AssignedAgent == agentId)
        {
            return View(); // a retried accept
        }

        if (S.Status != ConversationStatus.Offered || S.OfferedAgent != agentId)
        {
            throw new ConversationRuleException(
                $"Conversation {conversationId} is not offered to you (it is {S.Status}); accept only a current offer.");
        }

        await AppendAsync([Transition(S.CustomerId, ConversationStatus.WithAgent, "accepted", ("agent", agentId)) with { Queue = QueueChange.Remove }]);
        SetStatus(ConversationStatus.WithAgent, "accepted");
        S.AssignedAgent = agentId;
        S.OfferedAgent = null;
        S.OfferId = null;
        if (!S.Participants.Contains(agentId))
        {
            S.Participants.Add(agentId);
        }

        await SaveAsync();
        GridMetrics.Offers.WithLabels("accepted").Inc();
        logger.LogInformation("Conversation {ConversationId} accepted by agent {AgentId}", conversationId, agentId);
        await Queue().RemoveAsync(conversationId);
        await Agent(agentId).AssignAsync(conversationId);
        return View();
    }

    public async Task DeclineAsync(string agentId)
    {
        if (S.Status != ConversationStatus.Offered || S.OfferedAgent != agentId)
        {
            throw new ConversationRuleException(
                $"Conversation {conversationId} is not offered to you (it is {S.Status}); only a current offer can be declined.");
        }

        await AppendAsync([Transition(S.CustomerId, ConversationStatus.Queued, "declined", ("agent", agentId))]);
        SetStatus(ConversationStatus.Queued, "declined");
        S.OfferedAgent = null;
        S.OfferId = null;
        await SaveAsync();
        GridMetrics.Offers.WithLabels("declined").Inc();
        await Queue().DeclinedAsync(conversationId, agentId);
    }

    public async Task<long> ReplyAsync(string agentId, string clientMessageId, string text)
    {
        if (S.Status != ConversationStatus.WithAgent || S.AssignedAgent != agentId)
        {
            throw new ConversationRuleException(
                $"Conversation {conversationId} is not assigned to you (it is {S.Status}); accept it before replying.");
        }

        var route = S.ReplyTo ?? throw new ConversationRuleException($"Conversation {conversationId} has no channel to reply on.");
        var row = OutboundRow(S.CustomerId, route, EntryKind.AgentMessage, "agent:" + agentId, text, lastSeq + 1, S.LastEmail) with
        {
            IdempotencySource = InboundKeys.AgentSource(agentId),
            IdempotencyKey = clientMessageId,
        };
        var hash = row.PayloadHash;
        var results = await AppendAsync([row]);
        if (results[0].Status == AppendStatus.DuplicateKey)
        {
            if (!string.Equals(results[0].PayloadHash, hash, StringComparison.Ordinal) || results[0].ConversationId != conversationId)
            {
                throw new IdempotencyConflictException(
                    $"Client message id '{clientMessageId}' was already used for a different reply; use a new id for a new reply.");
            }

            return results[0].Seq;
        }

        await NotifyOutboxAsync([row], results);
        await Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.Message, conversationId, row.Entry, null, null, null));
        return row.Entry.Seq;
    }

    public async Task ResolveAsync(string agentId, string? reason)
    {
        if (S.Status != ConversationStatus.WithAgent || S.AssignedAgent != agentId)
        {
            throw new ConversationRuleException(
                $"Conversation {conversationId} is not assigned to you (it is {S.Status}); only its agent can resolve it.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "resolved-by-agent" : reason;
        await AppendAsync([Transition(S.CustomerId, ConversationStatus.Resolved, why, ("agent", agentId))]);
        SetStatus(ConversationStatus.Resolved, why);
        S.ResolvedAt = clock.GetUtcNow();
        S.AssignedAgent = null;
        await SaveAsync();
        var window = options.Value.Conversations.ReopenWindow;
        await this.RegisterOrUpdateReminder(CloseReminder, window, window < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : window);
        logger.LogInformation("Conversation {ConversationId} resolved by agent {AgentId}", conversationId, agentId);
        await Agent(agentId).ReleaseAsync(conversationId);
        await Agent(agentId).PushAsync(new AgentEvent(AgentEventKind.ConversationUpdated, conversationId, null, View(), null, null));
    }

    public async Task RecordChannelEventAsync(ChannelEvent channelEvent)
    {
        if (channelEvent.Type == ChannelEventType.Typing)
        {
            if (S.AssignedAgent is { } typingTo)
            {
                await Agent(typingTo).PushAsync(new AgentEvent(AgentEventKind.Typing, conversationId, null, null, null, null));
            }

            return;
        }

        var metadata = new Dictionary<string, string> { ["type"] = channelEvent.Type.ToString() };
        if (channelEvent.OutboundId is { } outboundId)
        {
            metadata["outboundId"] = outboundId;
        }

        var channel = channelEvent.Channel == Channel.Unspecified ? S.CurrentChannel : channelEvent.Channel;
        var entry = new JournalEntry(
            conversationId, 0, EntryKind.Event, channelEvent.At, channel, "integrator:" + channelEvent.Integrator,
            null, channelEvent.Type.IsReceipt() ? "delivery" : "call", channelEvent.Detail, channelEvent.ExternalId, null, [], metadata);
        var results = await AppendAsync([new JournalAppend(tenant, S.CustomerId, entry, InboundKeys.EventSource(channelEvent.Integrator), channelEvent.ExternalId)]);
        if (results[0].Status == AppendStatus.Appended && S.AssignedAgent is { } agent)
        {
            await Agent(agent).PushAsync(new AgentEvent(AgentEventKind.Message, conversationId, entry with { Seq = results[0].Seq }, null, null, null));
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CloseReminder)
        {
            return;
        }

        if (S.Status == ConversationStatus.Resolved && S.ResolvedAt + options.Value.Conversations.ReopenWindow <= clock.GetUtcNow())
        {
            await CloseAsync("reopen-window-elapsed");
        }

        if (S.Status != ConversationStatus.Resolved)
        {
            var reminder = await this.GetReminder(CloseReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private static EmailHeaders? ReplyHeaders(EmailHeaders? last) =>
        last is null
            ? null
            : new EmailHeaders(
                last.Subject is { } subject && !subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? "Re: " + subject : last.Subject,
                null,
                last.MessageId,
                last.MessageId is { } id ? [.. last.References, id] : last.References);

    /// <summary>A message to the customer: its journal entry and its outbox row (outbound id = conversation:seq), written together.</summary>
    private JournalAppend OutboundRow(string customerId, ReplyRoute route, EntryKind kind, string author, string text, long seq, EmailHeaders? lastEmail)
    {
        var now = clock.GetUtcNow();
        var outboundId = $"{conversationId}:{seq.ToString(CultureInfo.InvariantCulture)}";
        var email = route.Channel == Channel.Email ? ReplyHeaders(lastEmail) : null;
        var entry = new JournalEntry(conversationId, seq, kind, now, route.Channel, author, text, null, null, outboundId, email, [], new Dictionary<string, string>());
        var outbound = new OutboundMessage(0, outboundId, conversationId, seq, route.Channel, route.Address, text, kind, author, now, email, customerId);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new JournalAppend(tenant, customerId, entry, PayloadHash: hash, OutboxIntegrator: route.Integrator, Outbound: outbound);
    }

    /// <summary>Hints the outboxes that rows were committed (the edges also poll, so a lost hint only delays).</summary>
    private async Task NotifyOutboxAsync(IReadOnlyList<JournalAppend> rows, IReadOnlyList<AppendRowResult> results)
    {
        for (var i = 0; i < rows.Count && i < results.Count; i++)
        {
            if (rows[i].Outbound is { } outbound && results[i].Status == AppendStatus.Appended)
            {
                GridMetrics.OutboundMessages.WithLabels(GridMetrics.Label(outbound.Channel), outbound.Kind.ToString().ToLowerInvariant()).Inc();
                await GrainFactory.GetGrain<IOutboxGrain>(GridKeys.Outbox(tenant, rows[i].OutboxIntegrator!))
                    .NotifyAsync([outbound with { Cursor = results[i].OutboxCursor }]);
            }
        }
    }

    private async Task CloseAsync(string reason)
    {
        await AppendAsync([Transition(S.CustomerId, ConversationStatus.Closed, reason)]);
        SetStatus(ConversationStatus.Closed, reason);
        await SaveAsync();
    }

    private JournalAppend Transition(string customerId, ConversationStatus to, string reason, params (string Key, string Value)[] details)
    {
        var metadata = new Dictionary<string, string> { ["status"] = to.ToString() };
        foreach (var (key, value) in details)
        {
            metadata[key] = value;
        }

        var entry = new JournalEntry(conversationId, 0, EntryKind.Event, clock.GetUtcNow(), S.CurrentChannel, "system", null, StatusEvent, reason, null, null, [], metadata);
        return new JournalAppend(tenant, customerId, entry);
    }

    /// <summary>
    /// Numbers the rows after the head and appends them as one unit. On an unknown outcome the head is re-read
    /// and the grain deactivates, so the next activation replays what the journal holds.
    /// </summary>
    private async Task<IReadOnlyList<AppendRowResult>> AppendAsync(IReadOnlyList<JournalAppend> rows)
    {
        var numbered = new List<JournalAppend>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            numbered.Add(rows[i] with { Entry = rows[i].Entry with { Seq = lastSeq + 1 + i } });
        }

        IReadOnlyList<AppendRowResult> results;
        try
        {
            results = await journal.AppendAsync(numbered);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        switch (results[0].Status)
        {
            case AppendStatus.Appended:
                lastSeq += rows.Count;
                return results;
            case AppendStatus.DuplicateKey:
                return results;
            default:
                // Another activation wrote this seq (a silo failure left two for a moment): never overwrite it.
                logger.LogWarning("Conversation {ConversationId} found seq {Seq} taken; reloading", conversationId, results[0].Seq);
                DeactivateOnIdle();
                throw new InvalidOperationException($"Conversation {conversationId} changed under this activation; retry the call.");
        }
    }

    private async Task SaveAsync()
    {
        S.AppliedSeq = lastSeq;
        await state.WriteOrDeactivateAsync(this);
    }

    private void SetStatus(ConversationStatus status, string reason)
    {
        if (S.Status != status)
        {
            GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Dec();
            GridMetrics.Conversations.WithLabels(GridMetrics.Label(status)).Inc();
            GridMetrics.ConversationTransitions.WithLabels(GridMetrics.Label(status)).Inc();
        }

        S.Status = status;
        S.StatusReason = reason;
    }

    /// <summary>Brings the snapshot up to the journal: transitions committed before a state write that never happened.</summary>
    private async Task ReplayTransitionsAsync()
    {
        var after = S.AppliedSeq;
        while (true)
        {
            var page = await journal.ReadAsync(tenant, conversationId, after, 500);
            foreach (var entry in page.Entries)
            {
                if (entry.Kind == EntryKind.CustomerMessage && entry.Author.StartsWith("customer:", StringComparison.Ordinal))
                {
                    S.CustomerId = entry.Author["customer:".Length..];
                    S.CurrentChannel = entry.Channel;
                    if (entry.From is { } from)
                    {
                        S.ReplyTo = new ReplyRoute(entry.Channel, from.Address, from.Integrator);
                    }

                    S.LastEmail = entry.Email ?? S.LastEmail;
                    if (S.OpenedAt == default)
                    {
                        S.OpenedAt = entry.At;
                    }
                }

                if (entry.EventType == StatusEvent && Enum.TryParse<ConversationStatus>(entry.Metadata.GetValueOrDefault("status"), out var status))
                {
                    var agent = entry.Metadata.GetValueOrDefault("agent");
                    S.Status = status;
                    S.StatusReason = entry.Reason;
                    S.OfferedAgent = status == ConversationStatus.Offered ? agent : null;
                    S.AssignedAgent = status == ConversationStatus.WithAgent ? agent : null;
                    if (status == ConversationStatus.Resolved)
                    {
                        S.ResolvedAt = entry.At;
                    }
                }
            }

            after = page.NextAfterSeq;
            if (!page.HasMore)
            {
                break;
            }
        }

        logger.LogInformation("Conversation {ConversationId} replayed its journal from seq {From} to {To}", conversationId, S.AppliedSeq, lastSeq);
        S.AppliedSeq = lastSeq;
    }

    private ConversationView View() => new(
        tenant, conversationId, S.CustomerId, S.Status, S.CurrentChannel, S.AssignedAgent, [.. S.Participants], S.Queue, lastSeq,
        S.OpenedAt, S.ResolvedAt, S.StatusReason, S.OfferedAgent, S.Language ?? options.Value.Conversations.DefaultLanguage);

    private IQueueGrain Queue() => GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(tenant, S.Queue));

    private IAgentGrain Agent(string agentId) => GrainFactory.GetGrain<IAgentGrain>(GridKeys.Of(tenant, agentId));
}
