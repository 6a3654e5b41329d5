using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// How a unit's events change the conversation's row in the tenant's index of live conversations (pure). The row holds
/// the fields a supervisor's list shows and filters on; a unit that changes none of them writes nothing, a close deletes
/// the row. <see cref="Fold"/> follows <see cref="ConversationState.Apply"/> for these fields (a property test replays
/// random conversations and compares the index with the state).
/// </summary>
internal static class ConversationIndex
{
    /// <summary>The change a unit causes, from the state it was decided on; null when the row stays as it is.</summary>
    public static ConversationIndexChange? ChangeFor(ConversationState before, string conversationId, IReadOnlyList<JournalRow> rows) =>
        ChangeFor(RowOf(before, conversationId), conversationId, rows);

    public static ConversationIndexChange? ChangeFor(LiveConversation? before, string conversationId, IReadOnlyList<JournalRow> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var after = before ?? New(conversationId);
        foreach (var row in rows)
        {
            after = Fold(after, row.Event);
        }

        if (after.Status == ConversationStatus.Closed)
        {
            return ConversationIndexChange.Remove;
        }

        if (before is not null && after with { UpdatedAt = before.UpdatedAt } == before)
        {
            return null;
        }

        return new ConversationIndexChange(after with { UpdatedAt = rows[^1].Event.At });
    }

    /// <summary>The row of a conversation as its state says (its <see cref="LiveConversation.UpdatedAt"/> is not in the state); null before its first event.</summary>
    public static LiveConversation? RowOf(ConversationState s, string conversationId) => !s.Exists
        ? null
        : new LiveConversation(conversationId, s.CustomerId, s.Status, s.StatusReason, s.Queue, s.AssignedAgent, s.Priority, s.CurrentChannel, s.Language,
            s.OpenedAt, default, s.WaitingSince);

    /// <summary>A conversation before any event, as a new <see cref="ConversationState"/> is.</summary>
    private static LiveConversation New(string conversationId) =>
        new(conversationId, "", ConversationStatus.New, null, "default", null, 0, default, null, default, default, null);

    private static LiveConversation Fold(LiveConversation r, ConversationEvent e) => e switch
    {
        CustomerWrote wrote => r with
        {
            OpenedAt = r.Status == ConversationStatus.New && r.OpenedAt == default ? wrote.At : r.OpenedAt,
            CustomerId = wrote.CustomerId,
            Channel = wrote.Channel,
            Language = wrote.Language,
        },
        BotAnswered when r.Status == ConversationStatus.New => Status(r, ConversationStatus.Bot, "bot-answered"),
        Escalated escalated => Status(r, ConversationStatus.Queued, escalated.Reason) with
        {
            Queue = escalated.Queue, Priority = escalated.Priority, WaitingSince = escalated.At, AssignedAgent = null,
        },
        Offered => Status(r, ConversationStatus.Offered, "offered"),
        OfferWithdrawn => Status(r, ConversationStatus.Queued, "offer-withdrawn"),
        Declined => Status(r, ConversationStatus.Queued, "declined"),
        OfferExpired => Status(r, ConversationStatus.Queued, "offer-timeout"),
        Accepted accepted => Status(r, ConversationStatus.WithAgent, "accepted") with { AssignedAgent = accepted.AgentId, WaitingSince = null },
        HandedBack => Status(r, ConversationStatus.Bot, "handed-back") with { AssignedAgent = null, WaitingSince = null },
        TakenOver takenOver => Status(r, ConversationStatus.WithAgent, "taken-over") with { AssignedAgent = takenOver.SupervisorId, WaitingSince = null },
        Resolved resolved => Status(r, ConversationStatus.Resolved, resolved.Reason) with { AssignedAgent = null, WaitingSince = null },
        Reopened reopened => Status(r, ConversationStatus.Bot, reopened.Reason),
        Closed closed => Status(r, ConversationStatus.Closed, closed.Reason) with { AssignedAgent = null, WaitingSince = null },
        _ => r,
    };

    private static LiveConversation Status(LiveConversation r, ConversationStatus status, string? reason) => r with { Status = status, StatusReason = reason };
}
