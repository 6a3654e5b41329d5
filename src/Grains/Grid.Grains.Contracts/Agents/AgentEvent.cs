namespace Grid;

/// <summary>What is pushed to an agent's live connections. Values are part of the wire format.</summary>
[GenerateSerializer]
public enum AgentEventKind
{
    Offer = 0,
    OfferWithdrawn = 1,
    Message = 2,
    ConversationUpdated = 3,
    Typing = 4,
    PresenceChanged = 5,

    /// <summary>Something needs attention (a missed service-level deadline, a callback due): <see cref="AgentEvent.Detail"/> says what.</summary>
    Alert = 6,
}

/// <summary>
/// A hint pushed to an agent's connections. Hints may be lost: the journal is the truth and clients resync
/// with "entries after seq N".
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.AgentEvent")]
public sealed record AgentEvent(
    [property: Id(0)] AgentEventKind Kind,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] JournalEntry? Entry,
    [property: Id(3)] ConversationView? Conversation,
    [property: Id(4)] string? OfferId,
    [property: Id(5)] AgentView? Agent)
{
    /// <summary>For alerts: what happened ("sla-breached:first-response", "callback-due").</summary>
    [Id(6)] public string? Detail { get; init; }
}
