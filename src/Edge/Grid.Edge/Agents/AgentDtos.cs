namespace Grid.Edge.Agents;

/// <summary>
/// A journal entry as agents' clients see it (JSON over SignalR): with the email headers of email messages, the
/// customer's sent-at time of customer messages and the outbound id of messages to the customer.
/// </summary>
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
    IReadOnlyDictionary<string, string> Metadata,
    EmailDto? Email,
    DateTimeOffset? SentAt,
    string? OutboundId)
{
    public static EntryDto From(JournalEntry e) => new(
        e.ConversationId, e.Seq, e.Kind.ToString(), e.At, e.Channel.ToString(), e.Author, e.Text, e.EventType, e.Reason, e.Attachments, e.Metadata,
        e.Email is { } email ? new EmailDto(email.Subject, email.MessageId, email.InReplyTo, email.References) { Cc = email.Cc } : null, e.SentAt, e.OutboundId);
}

/// <summary>The email headers of an entry.</summary>
public sealed record EmailDto(string? Subject, string? MessageId, string? InReplyTo, IReadOnlyList<string> References)
{
    /// <summary>On an email to the customer: the other addresses of the customer's side it copies (colleagues who wrote in it).</summary>
    public IReadOnlyList<string> Cc { get; init; } = [];
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
    DateTimeOffset OpenedAt,
    string Language,
    IReadOnlyDictionary<string, string> Facts,
    int Priority,
    IReadOnlyList<string> Collaborators)
{
    /// <summary>The conversation an agent merged this one into.</summary>
    public string? MergedInto { get; init; }

    /// <summary>Conversations an agent merged into this one (their entries open its history).</summary>
    public IReadOnlyList<string> MergedFrom { get; init; } = [];

    /// <summary>The conversation an agent split this one from.</summary>
    public string? SplitFrom { get; init; }

    /// <summary>The customer's addresses that wrote in it (colleagues of one account included).</summary>
    public IReadOnlyList<string> Senders { get; init; } = [];

    public static ConversationDto From(ConversationView v) => new(
        v.ConversationId, v.CustomerId, v.Status.ToString(), v.StatusReason, v.CurrentChannel.ToString(), v.AssignedAgent,
        v.Participants, v.Queue, v.LastSeq, v.OpenedAt, v.Language, v.Facts ?? new Dictionary<string, string>(), v.Priority, v.Collaborators)
    {
        MergedInto = v.MergedInto,
        MergedFrom = v.MergedFrom,
        SplitFrom = v.SplitFrom,
        Senders = v.Senders,
    };
}

/// <summary>An offer with its deadline, the conversation and its history (the latest entries; page back with GetHistory).</summary>
public sealed record OfferDto(
    string OfferId,
    DateTimeOffset? ExpiresAt,
    ConversationDto Conversation,
    IReadOnlyList<EntryDto> History,
    bool HistoryTruncated,
    HandoffContextDto? Context = null);

/// <summary>The handoff's context package (see <see cref="HandoffContext"/>).</summary>
public sealed record HandoffContextDto(
    ConversationDto Conversation,
    IReadOnlyList<EntryDto> Transcript,
    bool TranscriptTruncated,
    IReadOnlyList<BotAttempt> BotAttempts,
    string? EscalationReason,
    DateTimeOffset? EscalatedAt,
    int Priority,
    string? TransferNote,
    CustomerContextDto? Customer)
{
    public static HandoffContextDto From(HandoffContext c) => new(
        ConversationDto.From(c.Conversation), [.. c.Transcript.Select(EntryDto.From)], c.TranscriptTruncated, c.BotAttempts, c.EscalationReason,
        c.EscalatedAt, c.Priority, c.TransferNote, c.Customer is { } customer ? CustomerContextDto.From(customer) : null);
}

/// <summary>The customer in a context package: who they are in the tenant's directory (name, account number), tier, addresses with their channel, earlier conversations and their outcome.</summary>
public sealed record CustomerContextDto(
    string CustomerId,
    string? Tier,
    IReadOnlyList<AddressDto> Addresses,
    IReadOnlyList<PastConversationDto> PastConversations,
    int ConversationCount,
    string? DisplayName = null,
    string? AccountNumber = null)
{
    public static CustomerContextDto From(CustomerContext c) => new(
        c.CustomerId, c.Tier, [.. c.Addresses.Select(a => new AddressDto(a.Channel.ToString(), a.Address, a.LastSeenAt))],
        [.. c.PastConversations.Select(p => new PastConversationDto(p.ConversationId, p.Status.ToString(), p.Outcome, p.OpenedAt, p.ResolvedAt, p.Csat))],
        c.ConversationCount, c.DisplayName, c.AccountNumber);
}

/// <summary>An address the customer is reachable on.</summary>
public sealed record AddressDto(string Channel, string Address, DateTimeOffset LastSeenAt);

/// <summary>An earlier conversation and how it ended.</summary>
public sealed record PastConversationDto(string ConversationId, string Status, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, int? Csat);

/// <summary>A page of history.</summary>
public sealed record HistoryDto(IReadOnlyList<EntryDto> Entries, long NextAfterSeq, bool HasMore);

/// <summary>A stored reply: its sequence number and the outbound id integrators deliver it with.</summary>
public sealed record ReplyDto(long Seq, string OutboundId);

/// <summary>An agent as their client sees it.</summary>
public sealed record AgentDto(string AgentId, string DisplayName, string Presence, int Capacity, IReadOnlyList<string> Conversations)
{
    /// <summary>Why the agent is in their presence ("lunch", "disconnected"); null: none given.</summary>
    public string? Reason { get; init; }

    public static AgentDto From(AgentView v) => new(v.AgentId, v.DisplayName, v.Presence.ToString(), v.Capacity, v.Conversations) { Reason = v.Reason };
}

/// <summary>A queue in the supervisors' view: waiting conversations, the longest wait so far, agents available with a free slot.</summary>
public sealed record QueueSummaryDto(string Queue, int Depth, double LongestWaitSeconds, int AgentsAvailable)
{
    public static QueueSummaryDto From(Routing.QueueStats s) => new(s.Queue, s.Depth, Math.Round(s.LongestWait.TotalSeconds, 1), s.AgentsAvailable);
}

/// <summary>Conversations an agent holds on a channel, and how many they take at once there.</summary>
public sealed record ChannelLoadDto(int Used, int Capacity);

/// <summary>
/// An agent in the supervisors' view: presence ("Available", "Busy", "Away", "Offline") and its reason, load per channel
/// (keys "Sms", "Email", "WhatsApp", "WebChat", "Voice", "Messenger": every channel they take or hold), and since when
/// routing counts them idle.
/// </summary>
public sealed record AgentSummaryDto(
    string AgentId,
    string DisplayName,
    string Presence,
    string? Reason,
    IReadOnlyDictionary<string, ChannelLoadDto> Load,
    DateTimeOffset IdleSinceUtc)
{
    public static AgentSummaryDto From(AgentView v) => new(
        v.AgentId,
        v.DisplayName,
        v.Presence.ToString(),
        v.Reason,
        v.CapacityByChannel.Keys.Union(v.Load.Keys).Order().ToDictionary(
            c => c.ToString(),
            c => new ChannelLoadDto(v.Load.GetValueOrDefault(c), v.CapacityByChannel.GetValueOrDefault(c))),
        v.IdleSince.ToUniversalTime());
}

/// <summary>An alert about a conversation: what happened, and the conversation as it is now (priority raised by a breach).</summary>
public sealed record AlertDto(string Kind, ConversationDto Conversation);

/// <summary>A live conversation in a supervisor's list (see <see cref="LiveConversation"/>).</summary>
public sealed record LiveConversationDto(
    string ConversationId,
    string CustomerId,
    string Status,
    string? StatusReason,
    string Queue,
    string? AssignedAgent,
    int Priority,
    string Channel,
    string? Language,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? WaitingSince)
{
    public static LiveConversationDto From(LiveConversation c) => new(
        c.ConversationId, c.CustomerId, c.Status.ToString(), c.StatusReason, c.Queue, c.AssignedAgent, c.Priority, c.Channel.ToString(), c.Language,
        c.OpenedAt, c.UpdatedAt, c.WaitingSince);
}

/// <summary>A page of live conversations; <see cref="Next"/> is the cursor of the next page (null: this is the last).</summary>
public sealed record LiveConversationPageDto(IReadOnlyList<LiveConversationDto> Conversations, string? Next);

/// <summary>A silent watch: the conversation, its context package, and when the watch lapses unless renewed.</summary>
public sealed record WatchDto(ConversationDto Conversation, HandoffContextDto Context, DateTimeOffset ExpiresAt)
{
    public static WatchDto From(ConversationWatch w) => new(ConversationDto.From(w.Context.Conversation), HandoffContextDto.From(w.Context), w.ExpiresAt);
}
