namespace Grid;

/// <summary>
/// Everything an agent needs never to ask the customer to repeat, built from the conversation's journal and the
/// customer grain when the conversation is offered (and again on request, after a reconnect): the whole transcript
/// across channels (internal notes included), what the bot tried and why it stopped, the escalation, the facts set by
/// pipeline steps (flow slots, later triage), the last transfer's note, and the customer's profile and past
/// conversations with their outcomes.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.HandoffContext")]
public sealed record HandoffContext(
    [property: Id(0)] ConversationView Conversation,
    [property: Id(1)] IReadOnlyList<JournalEntry> Transcript,
    [property: Id(2)] bool TranscriptTruncated,
    [property: Id(3)] IReadOnlyList<BotAttempt> BotAttempts,
    [property: Id(4)] string? EscalationReason,
    [property: Id(5)] DateTimeOffset? EscalatedAt,
    [property: Id(6)] int Priority,
    [property: Id(7)] string? TransferNote,
    [property: Id(8)] CustomerContext? Customer);

/// <summary>One thing the bot said: the entry it used (if any), its confidence and what the message was for.</summary>
[GenerateSerializer, Immutable, Alias("grid.BotAttempt")]
public sealed record BotAttempt(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? EntryId,
    [property: Id(3)] double? Confidence,
    [property: Id(4)] string? Purpose);

/// <summary>The customer as the agent sees them: tier, linked addresses, earlier conversations and how they ended.</summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerContext")]
public sealed record CustomerContext(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? Tier,
    [property: Id(2)] IReadOnlyList<LinkedAddress> Addresses,
    [property: Id(3)] IReadOnlyList<PastConversation> PastConversations,
    [property: Id(4)] int ConversationCount,
    [property: Id(5)] string? DisplayName = null,
    [property: Id(6)] string? AccountNumber = null);

/// <summary>An earlier conversation of the customer and its outcome.</summary>
[GenerateSerializer, Immutable, Alias("grid.PastConversation")]
public sealed record PastConversation(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] string? Outcome,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? ResolvedAt,
    [property: Id(5)] int? Csat = null);
