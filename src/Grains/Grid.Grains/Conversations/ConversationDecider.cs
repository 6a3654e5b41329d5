using System.Security.Cryptography;
using System.Text;
using Grid.Conversations.Events;
using Grid.Pipeline;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// The decide half of the conversation core: from the state and a request, the events to append (or a refusal).
/// Pure: no I/O, no clock of its own (callers pass <c>now</c>), unit-tested without a cluster. An empty result
/// means there is nothing to do (a stale call, a retry already applied).
/// </summary>
internal static partial class ConversationDecider
{
    /// <summary>A resolved conversation whose reopen window has passed closes before anything else happens.</summary>
    public static bool ShouldClose(ConversationState s, TimeSpan reopenWindow, DateTimeOffset now) =>
        s.Status == ConversationStatus.Resolved && s.ResolvedAt + reopenWindow <= now;

    public static ConversationEvent[] Close(ConversationState s, string reason, DateTimeOffset now) =>
        s.Status == ConversationStatus.Closed ? [] : [new Closed(reason) { At = now, Channel = s.CurrentChannel }];

    /// <summary>
    /// The customer's message and what the pipeline decided, as rows: the message first (with its idempotency key),
    /// then a reopen, facts and step states, the escalation, and the messages to the customer.
    /// </summary>
    public static JournalRow[] Inbound(ConversationState s, InboundMessage message, string customerId, InboundContext context, DateTimeOffset now)
    {
        var channel = message.Channel;
        var sentiment = context.Analysis.Find<SentimentFinding>() is { Evidence: > 0 } finding ? Math.Round(finding.Score, 3) : (double?)null;
        var rows = new List<JournalRow> { Wrote(message, customerId, context.Language, sentiment) };
        if (Joining(s, message, customerId, context.Customer.GroupedBy) is { } joined)
        {
            rows.Add(new(joined));
        }

        if (context.Reopened)
        {
            rows.Add(new(new Reopened("customer-wrote") { At = now, Channel = channel }));
        }

        var delivery = Answering(message, s.LastEmail);
        var replies = new List<JournalRow>();
        foreach (var decision in context.Decisions)
        {
            switch (decision)
            {
                case SetFactsDecision facts:
                    rows.Add(new(new FactsSet(facts.Step, facts.Facts) { At = now, Channel = channel }));
                    break;
                case StepStateDecision state:
                    rows.Add(new(new StepStateChanged(state.Step, state.State) { At = now, Channel = channel }));
                    break;
                case CallbackDecision callback:
                    rows.Add(new(new CallbackScheduled(callback.DueAt, callback.Number, callback.Source) { At = now, Channel = channel }));
                    break;
                case EscalateDecision escalate when s.Status is not (ConversationStatus.Queued or ConversationStatus.Offered or ConversationStatus.WithAgent):
                    rows.Add(new(new Escalated(escalate.Queue, escalate.Reason, escalate.Priority, escalate.Requirements) { At = now, Channel = channel }));
                    break;
                case ReplyDecision reply when reply.Kind == EntryKind.BotMessage:
                    replies.Add(new(new BotAnswered(reply.Text, reply.EntryId, reply.Confidence, delivery, reply.Purpose) { At = now, Channel = channel }));
                    break;
                case ReplyDecision reply:
                    replies.Add(new(new CustomerNotified(reply.Text, reply.Purpose, delivery) { At = now, Channel = channel }));
                    break;
            }
        }

        rows.AddRange(replies);
        return [.. rows];
    }

    /// <summary>
    /// Another email address of the customer (a colleague of the account) writing in a conversation someone else's email
    /// began: a participant on the customer's side, journaled once per address.
    /// </summary>
    public static SenderJoined? Joining(ConversationState s, InboundMessage message, string customerId, string? groupedBy) =>
        message.Channel == Channel.Email && s.Senders.Count is > 0 and < ConversationState.MaxSenders && !s.Senders.Contains(message.SenderAddress) && s.Senders.Any(a => a.Contains('@'))
            ? new SenderJoined(customerId, message.Channel, message.SenderAddress, groupedBy ?? "thread") { At = message.ReceivedAt, Channel = message.Channel }
            : null;

    /// <summary>The queue offers the conversation; a stale offer (the conversation left the queue) gives nothing.</summary>
    public static ConversationEvent[] Offer(ConversationState s, string agentId, string offerId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (s.Status is not (ConversationStatus.Queued or ConversationStatus.Offered) || s.OfferId == offerId)
        {
            return [];
        }

        var offered = new Offered(agentId, offerId, expiresAt) { At = now, Channel = s.CurrentChannel };
        return s.Status == ConversationStatus.Offered && s.OfferedAgent is { } previous
            ? [new OfferWithdrawn(previous, s.OfferId!) { At = now, Channel = s.CurrentChannel }, offered]
            : [offered];
    }

    public static ConversationEvent[] OfferExpired(ConversationState s, string agentId, string offerId, DateTimeOffset now) =>
        s.Status == ConversationStatus.Offered && s.OfferId == offerId
            ? [new OfferExpired(agentId, offerId) { At = now, Channel = s.CurrentChannel }]
            : [];

    /// <summary>
    /// A queue's overflow: a conversation still waiting (not offered) in <paramref name="fromQueue"/> moves to
    /// <paramref name="toQueue"/> with the skills named dropped from its requirements, keeping its priority.
    /// </summary>
    public static ConversationEvent[] Overflow(ConversationState s, string fromQueue, string toQueue, IReadOnlyList<string> droppedSkills, DateTimeOffset now) =>
        s.Status == ConversationStatus.Queued && s.Queue == fromQueue && fromQueue != toQueue
            ? [new Escalated(toQueue, "overflow:" + fromQueue, s.Priority, Routing.RoutingRequirements.Without(s.Requirements, [.. droppedSkills])) { At = now, Channel = s.CurrentChannel }]
            : [];

    /// <summary>
    /// An agent gone for longer than the grace period: a conversation they still hold goes back to its queue, its
    /// requirements kept (no longer sticky to them), its priority kept.
    /// </summary>
    public static ConversationEvent[] Requeue(ConversationState s, string agentId, string reason, DateTimeOffset now) =>
        s.Status == ConversationStatus.WithAgent && s.AssignedAgent == agentId
            ?
            [
                new Transferred(agentId, s.Queue, null, null) { At = now, Channel = s.CurrentChannel },
                new Escalated(s.Queue, reason, s.Priority, Routing.RoutingRequirements.Without(s.Requirements, [])) { At = now, Channel = s.CurrentChannel },
            ]
            : [];

    public static ConversationEvent[] Accept(ConversationState s, Actor actor, string conversationId, DateTimeOffset now, NoticeWording? wording = null)
    {
        if (s.Status == ConversationStatus.WithAgent && s.AssignedAgent == actor.AgentId)
        {
            return []; // a retried accept
        }

        ConversationAccess.EnsureOfferedTo(s, actor, conversationId, "accept");
        var joined = CustomerNotices.To(s, CustomerNotices.AgentJoined(s.Language ?? "fr", actor.DisplayName ?? actor.AgentId, wording), "agent-joined", now);
        return joined is null
            ? [new Accepted(actor.AgentId) { At = now, Channel = s.CurrentChannel }]
            : [new Accepted(actor.AgentId) { At = now, Channel = s.CurrentChannel }, joined];
    }

    public static ConversationEvent[] Decline(ConversationState s, Actor actor, string conversationId, DateTimeOffset now)
    {
        ConversationAccess.EnsureOfferedTo(s, actor, conversationId, "decline");
        return [new Declined(actor.AgentId, s.OfferId!) { At = now, Channel = s.CurrentChannel }];
    }

    /// <summary>The agent's reply as a row keyed by the client's message id, so a retry is recognised by the journal.</summary>
    public static JournalRow Reply(ConversationState s, Actor actor, string conversationId, string clientMessageId, string text, DateTimeOffset now,
        LinkedAddress? on = null)
    {
        ConversationAccess.EnsureMayReply(s, actor, conversationId);
        var route = on is not null ? new ReplyRoute(on.Channel, on.Address, on.Integrator)
            : s.ReplyTo ?? throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} has no channel to reply on.");
        var delivery = DeliveryTo(route, s.LastEmail);
        if (delivery.Email is { } headers && Copied(s, route) is { Count: > 0 } cc)
        {
            delivery = delivery with { Email = headers with { Cc = cc } };
        }

        var replied = new AgentReplied(actor.AgentId, text, clientMessageId, delivery) { At = now, Channel = route.Channel };
        return new JournalRow(replied, InboundKeys.AgentSource(actor.AgentId), clientMessageId, ReplyHash(conversationId, text));
    }

    public static ConversationEvent[] Resolve(ConversationState s, Actor actor, string conversationId, string? reason, DateTimeOffset now, NoticeWording? wording = null)
    {
        ConversationAccess.EnsureAssignedTo(s, actor, conversationId, "resolve it");
        var why = string.IsNullOrWhiteSpace(reason) ? "resolved-by-agent" : reason;
        var resolved = new Resolved(actor.AgentId, why) { At = now, Channel = s.CurrentChannel };
        return CustomerNotices.To(s, CustomerNotices.Resolved(s.Language ?? "fr", wording), "resolved", now) is { } told ? [resolved, told] : [resolved];
    }

    /// <summary>
    /// The customer's answer to the satisfaction question of a resolved conversation: their message, the rating, and
    /// thanks — or, when the rating is at or below the tenant's <paramref name="reopenAtMost"/>, a reopening that puts
    /// the conversation back in <paramref name="queue"/> ("negative-csat").
    /// </summary>
    public static JournalRow[] Csat(ConversationState s, InboundMessage message, string customerId, int rating, string? comment, int? reopenAtMost, string queue, DateTimeOffset now,
        NoticeWording? wording = null)
    {
        var channel = message.Channel;
        var language = s.Language ?? "fr";
        var reopen = reopenAtMost is { } limit && rating <= limit;
        var rows = new List<JournalRow>
        {
            Wrote(message, customerId, language, sentiment: null),
            new(new CsatRecorded(rating, comment) { At = now, Channel = channel }),
        };
        if (reopen)
        {
            rows.Add(new(new Reopened("negative-csat") { At = now, Channel = channel }));
            rows.Add(new(new Escalated(queue, "negative-csat", s.Priority, s.Requirements) { At = now, Channel = channel }));
        }

        rows.Add(new(new CustomerNotified(CustomerNotices.CsatThanks(language, reopen, wording), "csat-thanks", Answering(message, s.LastEmail)) { At = now, Channel = channel }));
        return [.. rows];
    }

    /// <summary>The customer's message as its row, keyed by the integrator's external id.</summary>
    private static JournalRow Wrote(InboundMessage message, string customerId, string language, double? sentiment) =>
        new(new CustomerWrote(customerId, message.Text, message.ExternalId, message.Integrator, message.SenderAddress, message.SentAt,
                message.Email, message.Attachments, message.Metadata, language, sentiment) { At = message.ReceivedAt, Channel = message.Channel },
            InboundKeys.Source(message.Integrator), message.ExternalId, message.PayloadHash);

    /// <summary>Where a message to the customer goes: their route, with reply headers for email.</summary>
    public static OutboundDelivery DeliveryTo(ReplyRoute route, EmailHeaders? lastEmail) =>
        new(route.Integrator, route.Address, route.Channel == Channel.Email ? ReplyHeaders(lastEmail) : null);

    /// <summary>The other email addresses that wrote in the conversation (colleagues): copied on an email reply.</summary>
    private static List<string> Copied(ConversationState s, ReplyRoute route) =>
        route.Channel == Channel.Email ? [.. s.Senders.Where(a => a.Contains('@') && !string.Equals(a, route.Address, StringComparison.OrdinalIgnoreCase))] : [];

    /// <summary>Where an answer to <paramref name="message"/> goes: back to its sender, through its integrator.</summary>
    private static OutboundDelivery Answering(InboundMessage message, EmailHeaders? lastEmail) =>
        DeliveryTo(new ReplyRoute(message.Channel, message.SenderAddress, message.Integrator), message.Email ?? lastEmail);

    /// <summary>A delivery receipt or a call, keyed by the integrator's event id.</summary>
    public static JournalRow ChannelEvent(ConversationState s, ChannelEvent channelEvent) =>
        new(new ChannelEventRecorded(channelEvent.Type, channelEvent.Integrator, channelEvent.ExternalId, channelEvent.OutboundId, channelEvent.Detail)
        {
            At = channelEvent.At,
            Channel = channelEvent.Channel == Channel.Unspecified ? s.CurrentChannel : channelEvent.Channel,
        },
        InboundKeys.EventSource(channelEvent.Integrator), channelEvent.ExternalId);

    /// <summary>A retried inbound message must be the same message: another payload under the same key is a conflict.</summary>
    public static void EnsureSameMessage(IdempotencyHit original, InboundMessage message)
    {
        if (!string.Equals(original.PayloadHash, message.PayloadHash, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException(
                $"External id '{message.ExternalId}' was already used by integrator '{message.Integrator}' for a different message; use a new external id for a new message.");
        }
    }

    /// <summary>A retried reply must be the same reply in the same conversation; returns the original's sequence number.</summary>
    public static long EnsureSameReply(IdempotencyHit original, JournalRow reply, string conversationId) =>
        original.PayloadHash == reply.PayloadHash && original.ConversationId == conversationId
            ? original.Seq
            : throw new IdempotencyConflictException(
                $"Client message id '{reply.IdempotencyKey}' was already used for a different reply; use a new id for a new reply.");

    /// <summary>What makes a retried reply "the same reply": its conversation and its text.</summary>
    public static string ReplyHash(string conversationId, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + text)));

    /// <summary>Reply headers for an email answer: "Re: subject", In-Reply-To and References of the customer's last email.</summary>
    public static EmailHeaders? ReplyHeaders(EmailHeaders? last) =>
        last is null
            ? null
            : new EmailHeaders(
                last.Subject is { } subject && !subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? "Re: " + subject : last.Subject,
                null,
                last.MessageId,
                last.MessageId is { } id ? [.. last.References, id] : last.References);
}
