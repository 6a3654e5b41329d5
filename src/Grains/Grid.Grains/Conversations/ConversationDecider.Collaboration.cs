using Grid.Storage;
using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>
/// What people working on a conversation may do besides replying: internal notes, transfers, handing back to the bot,
/// inviting a consultant, supervisors joining and taking over, closing. Each is checked against the conversation's
/// state (<see cref="ConversationAccess"/>) and returns the events to append, or throws a coded refusal.
/// </summary>
internal static partial class ConversationDecider
{
    /// <summary>Requirement naming the one agent a transferred conversation is offered to.</summary>
    public const string AgentRequirement = "agent:";

    /// <summary>An internal note, keyed by the client's note id so a retry stores it once.</summary>
    public static JournalRow Note(ConversationState s, Actor actor, string conversationId, string clientNoteId, string text, DateTimeOffset now)
    {
        ConversationAccess.EnsureParticipant(s, actor, conversationId, "write a note");
        var note = new NoteAdded(actor.AgentId, text, clientNoteId) { At = now, Channel = s.CurrentChannel };
        return new JournalRow(note, InboundKeys.AgentSource(actor.AgentId), "note:" + clientNoteId, ReplyHash(conversationId, "note\n" + text));
    }

    /// <summary>
    /// The assigned agent (or a supervisor) hands the conversation on: to a queue, or to a named agent through the
    /// current queue, with a note; it waits there as escalated ("transferred"), keeping its priority.
    /// </summary>
    public static ConversationEvent[] Transfer(ConversationState s, Actor actor, string conversationId, string? queue, string? toAgent, string? note, DateTimeOffset now)
    {
        ConversationAccess.EnsureHolds(s, actor, conversationId, "transfer it");
        if (toAgent == actor.AgentId)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, "You cannot transfer a conversation to yourself.");
        }

        var target = queue ?? s.Queue;
        // To another queue, the old queue's skills no longer apply: the target queue's own definition does.
        IReadOnlyList<string> requirements = toAgent is not null ? [AgentRequirement + toAgent]
            : target == s.Queue ? s.Requirements
            : s.Requirements.Where(r => !r.StartsWith(Routing.RoutingRequirements.SkillPrefix, StringComparison.Ordinal)).ToList();
        return
        [
            new Transferred(actor.AgentId, target, toAgent, note) { At = now, Channel = s.CurrentChannel },
            new Escalated(target, "transferred", s.Priority, requirements) { At = now, Channel = s.CurrentChannel },
        ];
    }

    /// <summary>The assigned agent (or a supervisor) hands the conversation back to the bot; the customer is told.</summary>
    public static ConversationEvent[] HandBack(ConversationState s, Actor actor, string conversationId, string reason, string text, DateTimeOffset now)
    {
        ConversationAccess.EnsureHolds(s, actor, conversationId, "hand it back to the bot");
        var told = CustomerNotices.To(s, text, "handed-back", now)
            ?? throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} has no channel to tell the customer on.");
        return [new HandedBack(actor.AgentId, reason) { At = now, Channel = s.CurrentChannel }, told];
    }

    /// <summary>
    /// The assigned agent invites a consultant, who sees the conversation, writes notes and, when
    /// <paramref name="canReply"/>, writes to the customer.
    /// </summary>
    public static ConversationEvent[] Invite(ConversationState s, Actor actor, string conversationId, string agentId, bool canReply, DateTimeOffset now)
    {
        ConversationAccess.EnsureHolds(s, actor, conversationId, "invite someone");
        if (agentId == actor.AgentId || (s.Participants.Contains(agentId) && (!canReply || s.Repliers.Contains(agentId))))
        {
            return []; // already there: a retried invitation
        }

        return [new ParticipantJoined(agentId, "consultant", actor.AgentId, canReply) { At = now, Channel = s.CurrentChannel }];
    }

    /// <summary>A supervisor joins: sees it live and writes notes (and takes it over with <see cref="TakeOver"/>).</summary>
    public static ConversationEvent[] Join(ConversationState s, Actor actor, string conversationId, DateTimeOffset now)
    {
        ConversationAccess.EnsureSupervisor(s, actor, conversationId, "join it");
        return s.Participants.Contains(actor.AgentId)
            ? []
            : [new ParticipantJoined(actor.AgentId, "supervisor", null, false) { At = now, Channel = s.CurrentChannel }];
    }

    /// <summary>A supervisor takes the conversation over: from its agent, or from the queue (an outstanding offer is withdrawn).</summary>
    public static ConversationEvent[] TakeOver(ConversationState s, Actor actor, string conversationId, DateTimeOffset now)
    {
        ConversationAccess.EnsureSupervisor(s, actor, conversationId, "take it over");
        if (s.Status is not (ConversationStatus.WithAgent or ConversationStatus.Queued or ConversationStatus.Offered))
        {
            throw new ConversationRuleException(RuleCodes.WrongState,
                $"Conversation {conversationId} is {s.Status}; a supervisor takes over a conversation that is waiting or with an agent.");
        }

        if (s.AssignedAgent == actor.AgentId)
        {
            return [];
        }

        var events = new List<ConversationEvent>();
        if (s.Status == ConversationStatus.Offered && s.OfferedAgent is { } offered)
        {
            events.Add(new OfferWithdrawn(offered, s.OfferId!) { At = now, Channel = s.CurrentChannel });
        }

        events.Add(new TakenOver(actor.AgentId, s.AssignedAgent) { At = now, Channel = s.CurrentChannel });
        return [.. events];
    }

    /// <summary>The assigned agent or a supervisor closes the conversation for good (no reopening; the next message opens a new one).</summary>
    public static ConversationEvent[] CloseBy(ConversationState s, Actor actor, string conversationId, string? reason, DateTimeOffset now)
    {
        ConversationAccess.EnsureVisible(s, actor, conversationId);
        if (s.Status == ConversationStatus.Closed)
        {
            return [];
        }

        var mayClose = actor.Role == ActorRole.Supervisor || s.AssignedAgent == actor.AgentId
            || (s.Status == ConversationStatus.Resolved && s.Participants.Contains(actor.AgentId));
        if (!mayClose)
        {
            throw new ConversationRuleException(RuleCodes.NotYours,
                $"Conversation {conversationId} is not yours to close: its assigned agent or a supervisor closes it.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "closed-by-agent" : reason;
        return [new Closed(why, actor.AgentId) { At = now, Channel = s.CurrentChannel }];
    }
}
