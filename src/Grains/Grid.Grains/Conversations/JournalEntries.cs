using System.Globalization;
using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// What clients see of a journal event: the <see cref="JournalEntry"/> read model, built in this one place. Event
/// entries carry the event's stable name as their event type, the conversation's status after the event (when it is
/// a transition) and the event's data as metadata for display.
/// </summary>
internal static class JournalEntries
{
    public static bool IsMessage(ConversationEvent e) => e is CustomerWrote or AgentReplied or BotAnswered or CustomerNotified or NoteAdded or IncidentPushed;

    /// <summary>A change to the conversation's customer (a linked address, a merge) or their answer to a push's link: part of the story an agent reads.</summary>
    public static bool IsCustomerChange(ConversationEvent e) =>
        e is AddressLinked or CustomersMerged or SenderJoined or ConversationsMerged or ConversationSplit or ActionAnswered;

    public static JournalEntry From(string conversationId, long seq, ConversationEvent e)
    {
        var kind = EventCodec.KindOf(e);
        var name = EventCodec.NameOf(e);
        var none = new Dictionary<string, string>();
        return e switch
        {
            CustomerWrote w => new JournalEntry(
                conversationId, seq, kind, e.At, e.Channel, "customer:" + w.CustomerId, w.Text, null, null, w.ExternalId, w.Email,
                w.Attachments, WithSentiment(w), new ReplyAddress(w.SenderAddress, w.Integrator), w.SentAt),
            AgentReplied r => Outgoing(conversationId, seq, kind, e, "agent:" + r.AgentId, r.Text, r.Delivery, none),
            BotAnswered b => Outgoing(conversationId, seq, kind, e, "bot", b.Text, b.Delivery, Meta(
                ("entry", b.EntryId), ("confidence", b.Confidence?.ToString("0.###", CultureInfo.InvariantCulture)), ("purpose", b.Purpose))),
            CustomerNotified n => Outgoing(conversationId, seq, kind, e, "system", n.Text, n.Delivery, new Dictionary<string, string> { ["purpose"] = n.Purpose }),
            IncidentPushed p => Outgoing(conversationId, seq, kind, e, Proactive.ProactivePush.AuthorOf(p.IncidentId), p.Text, p.Delivery, PushMeta(p), p.OutboundId),
            ActionAnswered a => Event(conversationId, seq, e, name, "customer:" + a.CustomerId, a.Kind, null, Meta(
                ("incident", a.IncidentId), ("message", a.MessageNo.ToString(CultureInfo.InvariantCulture)), ("choice", a.ChoiceId), ("language", a.Language)),
                a.ChoiceLabel),
            ChannelEventRecorded c => Event(conversationId, seq, e, c.Type.IsReceipt() ? "delivery" : "call", "integrator:" + c.Integrator, c.Detail, c.ExternalId,
                Meta(("type", c.Type.ToString()), ("outboundId", c.OutboundId))),
            Escalated x => Event(conversationId, seq, e, name, "system", x.Reason, null, Meta(
                ("status", nameof(ConversationStatus.Queued)), ("queue", x.Queue), ("priority", x.Priority.ToString(CultureInfo.InvariantCulture)),
                ("requirements", x.Requirements.Count == 0 ? null : string.Join(',', x.Requirements)))),
            Offered o => Event(conversationId, seq, e, name, "system", "offered", null, Meta(
                ("status", nameof(ConversationStatus.Offered)), ("agent", o.AgentId), ("expiresAt", o.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)))),
            OfferWithdrawn w => Event(conversationId, seq, e, name, "system", "offer-withdrawn", null, Meta(("status", nameof(ConversationStatus.Queued)), ("agent", w.AgentId))),
            Declined d => Event(conversationId, seq, e, name, "agent:" + d.AgentId, "declined", null, Meta(("status", nameof(ConversationStatus.Queued)), ("agent", d.AgentId))),
            OfferExpired x => Event(conversationId, seq, e, name, "system", "offer-timeout", null, Meta(("status", nameof(ConversationStatus.Queued)), ("agent", x.AgentId))),
            Accepted a => Event(conversationId, seq, e, name, "agent:" + a.AgentId, "accepted", null, Meta(("status", nameof(ConversationStatus.WithAgent)), ("agent", a.AgentId))),
            Resolved r => Event(conversationId, seq, e, name, r.AgentId is null ? "system" : "agent:" + r.AgentId, r.Reason, null,
                Meta(("status", nameof(ConversationStatus.Resolved)), ("agent", r.AgentId))),
            Reopened r => Event(conversationId, seq, e, name, "system", r.Reason, null, Meta(("status", nameof(ConversationStatus.Bot)))),
            Closed c => Event(conversationId, seq, e, name, c.AgentId is null ? "system" : "agent:" + c.AgentId, c.Reason, null, Meta(("status", nameof(ConversationStatus.Closed)))),
            StepStateChanged s => Event(conversationId, seq, e, name, "step:" + s.Step, null, null, s.State),
            FactsSet f => Event(conversationId, seq, e, name, "step:" + f.Step, null, null, f.Facts),
            NoteAdded n => new JournalEntry(conversationId, seq, kind, e.At, e.Channel, "agent:" + n.AgentId, n.Text, name, null, n.ClientNoteId, null, [], none),
            Transferred t => Event(conversationId, seq, e, name, "agent:" + t.AgentId, "transferred", null, Meta(("queue", t.Queue), ("toAgent", t.ToAgent)), t.Note),
            HandedBack h => Event(conversationId, seq, e, name, "agent:" + h.AgentId, h.Reason, null, Meta(("status", nameof(ConversationStatus.Bot)))),
            ParticipantJoined j => Event(conversationId, seq, e, name, "agent:" + (j.InvitedBy ?? j.AgentId), j.Role, null, Meta(
                ("agent", j.AgentId), ("role", j.Role), ("invitedBy", j.InvitedBy), ("canReply", j.CanReply ? "true" : "false"))),
            CsatRecorded c => Event(conversationId, seq, e, name, "customer", "csat", null, Meta(("rating", c.Rating.ToString(CultureInfo.InvariantCulture))), c.Comment),
            TakenOver o => Event(conversationId, seq, e, name, "agent:" + o.SupervisorId, "taken-over", null, Meta(
                ("status", nameof(ConversationStatus.WithAgent)), ("agent", o.SupervisorId), ("fromAgent", o.FromAgent))),
            SlaBreached b => Event(conversationId, seq, e, name, "system", b.Kind, null, Meta(
                ("dueAt", b.DueAt.ToString("O", CultureInfo.InvariantCulture)), ("priority", b.Priority.ToString(CultureInfo.InvariantCulture)))),
            CallbackScheduled c => Event(conversationId, seq, e, name, c.Source == "request" ? "integrator" : "customer", "callback", null, Meta(
                ("dueAt", c.DueAt.ToString("O", CultureInfo.InvariantCulture)), ("number", c.Number), ("source", c.Source))),
            CallbackDue c => Event(conversationId, seq, e, name, "system", "callback", null, Meta(
                ("dueAt", c.DueAt.ToString("O", CultureInfo.InvariantCulture)), ("number", c.Number))),
            AddressLinked l => Event(conversationId, seq, e, name, "agent:" + l.AgentId, "address-linked", null, Meta(
                ("customer", l.CustomerId), ("channel", l.AddressChannel.ToString()), ("address", l.Address), ("mergedCustomer", l.MergedCustomerId))),
            CustomersMerged m => Event(conversationId, seq, e, name, m.By, m.Reason, null, Meta(("sourceCustomer", m.SourceCustomerId), ("targetCustomer", m.TargetCustomerId))),
            SenderJoined j => Event(conversationId, seq, e, name, "customer:" + j.CustomerId, j.GroupedBy, null, Meta(
                ("customer", j.CustomerId), ("channel", j.AddressChannel.ToString()), ("address", j.Address), ("groupedBy", j.GroupedBy))),
            ConversationsMerged m => Event(conversationId, seq, e, name, "agent:" + m.AgentId, m.SourceConversationId == conversationId ? "merged-into" : "merged-from", null, Meta(
                ("sourceConversation", m.SourceConversationId), ("targetConversation", m.TargetConversationId))),
            ConversationSplit x => Event(conversationId, seq, e, name, "agent:" + x.AgentId, x.SourceConversationId == conversationId ? "split-into" : "split-from", null, Meta(
                ("sourceConversation", x.SourceConversationId), ("targetConversation", x.TargetConversationId),
                ("seqs", string.Join(',', x.Seqs.Select(q => q.ToString(CultureInfo.InvariantCulture)))))),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown conversation event."),
        };
    }

    private static JournalEntry Outgoing(
        string conversationId, long seq, EntryKind kind, ConversationEvent e, string author, string text, OutboundDelivery delivery, IReadOnlyDictionary<string, string> metadata,
        string? outboundId = null) =>
        new(conversationId, seq, kind, e.At, e.Channel, author, text, null, null, null, delivery.Email, [], metadata, null, null,
            outboundId ?? OutboundIds.Format(conversationId, seq)); // a push linked after the outbox keeps the id of its row

    private static JournalEntry Event(
        string conversationId, long seq, ConversationEvent e, string eventType, string author, string? reason, string? externalId, IReadOnlyDictionary<string, string> metadata,
        string? text = null) =>
        new(conversationId, seq, EntryKind.Event, e.At, e.Channel, author, text, eventType, reason, externalId, null, [], metadata);

    /// <summary>A customer message's metadata: the integrator's, with Grid's sentiment score as "grid.sentiment".</summary>
    private static IReadOnlyDictionary<string, string> WithSentiment(CustomerWrote w) =>
        w.Sentiment is not { } score ? w.Metadata
        : new Dictionary<string, string>(w.Metadata, StringComparer.Ordinal) { [SentimentKey] = score.ToString("0.###", CultureInfo.InvariantCulture) };

    /// <summary>The metadata key of a customer message's sentiment score (the "grid." prefix keeps it apart from integrators' keys).</summary>
    public const string SentimentKey = "grid.sentiment";

    /// <summary>An incident push's metadata (incident, message, purpose "incident-&lt;kind&gt;"), or a scheduled push's (scheduled, purpose "scheduled-&lt;kind&gt;").</summary>
    private static Dictionary<string, string> PushMeta(IncidentPushed p) =>
        Proactive.ScheduledPushIds.IsScheduled(p.IncidentId)
            ? Meta(("scheduled", p.IncidentId), ("purpose", "scheduled-" + p.MessageKind))
            : Meta(("incident", p.IncidentId), ("message", p.MessageNo.ToString(CultureInfo.InvariantCulture)), ("purpose", "incident-" + p.MessageKind),
                ("linkExpiresAt", p.LinkExpiresAt?.ToString("O", CultureInfo.InvariantCulture)));

    private static Dictionary<string, string> Meta(params (string Key, string? Value)[] pairs)
    {
        var metadata = new Dictionary<string, string>(pairs.Length, StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (value is not null)
            {
                metadata[key] = value;
            }
        }

        return metadata;
    }
}
