namespace Grid.Edge.Agents;

/// <summary>A journal entry as agents' clients see it (JSON over SignalR).</summary>
public sealed record EntryDto(
    string ConversationId,
    long Seq,
    string Kind,
    DateTimeOffset At,
    string Channel,
    string Author,
    string? Text,
    string? EventType,
    string? Reason,
    IReadOnlyList<Attachment> Attachments,
    IReadOnlyDictionary<string, string> Metadata)
{
    public static EntryDto From(JournalEntry e) => new(
        e.ConversationId, e.Seq, e.Kind.ToString(), e.At, e.Channel.ToString(), e.Author, e.Text, e.EventType, e.Reason, e.Attachments, e.Metadata);
}

/// <summary>A conversation as agents' clients see it.</summary>
public sealed record ConversationDto(
    string ConversationId,
    string CustomerId,
    string Status,
    string? StatusReason,
    string Channel,
    string? AssignedAgent,
    IReadOnlyList<string> Participants,
    string Queue,
    long LastSeq,
    DateTimeOffset OpenedAt)
{
    public static ConversationDto From(ConversationView v) => new(
        v.ConversationId, v.CustomerId, v.Status.ToString(), v.StatusReason, v.CurrentChannel.ToString(), v.AssignedAgent,
        v.Participants, v.Queue, v.LastSeq, v.OpenedAt);
}

/// <summary>An offer with the conversation and its history (the latest entries; page back with GetHistory).</summary>
public sealed record OfferDto(
    string OfferId,
    ConversationDto Conversation,
    IReadOnlyList<EntryDto> History,
    bool HistoryTruncated);

/// <summary>A page of history.</summary>
public sealed record HistoryDto(IReadOnlyList<EntryDto> Entries, long NextAfterSeq, bool HasMore);

/// <summary>An agent as their client sees it.</summary>
public sealed record AgentDto(string AgentId, string DisplayName, string Presence, int Capacity, IReadOnlyList<string> Conversations)
{
    public static AgentDto From(AgentView v) => new(v.AgentId, v.DisplayName, v.Presence.ToString(), v.Capacity, v.Conversations);
}
