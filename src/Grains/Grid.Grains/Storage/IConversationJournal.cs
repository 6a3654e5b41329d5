using Grid.Conversations.Events;

namespace Grid.Storage;

/// <summary>
/// The conversation journal (docs/architecture.md, "Where state lives"): per conversation an append-only sequence of
/// typed events with gap-free sequence numbers, each row optionally holding an idempotency key. A unit's outbox rows,
/// waiting-list change, live-conversation index change and email thread references are written in the same
/// transaction as its events.
/// </summary>
public interface IConversationJournal
{
    /// <summary>
    /// Appends a unit atomically, numbering its rows <c>AfterSeq + 1 …</c> (the only place sequence numbers are
    /// assigned). When an idempotency key or a sequence number is taken, nothing of the unit is stored and the result
    /// says why.
    /// </summary>
    Task<UnitResult> AppendAsync(JournalUnit unit);

    /// <summary>Events of a conversation after a sequence number, in order.</summary>
    Task<EventPage> ReadAsync(string tenant, string conversationId, long afterSeq, int limit);

    /// <summary>A customer's events across conversations, in storage order, after a cursor.</summary>
    Task<EventPage> ReadTimelineAsync(string tenant, string customerId, long afterCursor, int limit);

    /// <summary>The row holding an idempotency key, if any.</summary>
    Task<IdempotencyHit?> FindAsync(string tenant, string source, string key);

    /// <summary>The conversation that holds one of these email Message-IDs (the first found, in the order given).</summary>
    Task<ThreadHit?> FindThreadAsync(string tenant, IReadOnlyList<string> messageIds);
}

/// <summary>One row to append: an event and its optional idempotency key.</summary>
public sealed record JournalRow(
    ConversationEvent Event,
    string? IdempotencySource = null,
    string? IdempotencyKey = null,
    string? PayloadHash = null);

/// <summary>Rows appended together, after <see cref="AfterSeq"/>, with the waiting-list and index changes they cause.</summary>
public sealed record JournalUnit(
    string Tenant,
    string ConversationId,
    string CustomerId,
    long AfterSeq,
    IReadOnlyList<JournalRow> Rows,
    WaitingListChange? WaitingList = null,
    ConversationIndexChange? Index = null);

/// <summary>A change of a conversation's place in a waiting list, written with the unit that causes it.</summary>
/// <param name="Queue">The queue the conversation waits in.</param>
/// <param name="Entry">The entry to add (an existing one keeps its age); null removes the conversation from any queue.</param>
public sealed record WaitingListChange(string Queue, QueueEntry? Entry)
{
    public static WaitingListChange Remove { get; } = new("", null);
}

/// <summary>What happened to an appended unit.</summary>
public enum UnitStatus
{
    Appended,
    DuplicateKey,
    SequenceTaken,
}

/// <summary>
/// The outcome of an append: for an appended unit its last sequence number and the outbox rows written (with their
/// cursors); for a duplicate key where the original is.
/// </summary>
public sealed record UnitResult(
    UnitStatus Status,
    long LastSeq,
    IReadOnlyList<OutboxRow> Outbound,
    IdempotencyHit? Original = null);

/// <summary>An outbound message and the integrator whose outbox holds it.</summary>
public sealed record OutboxRow(string Integrator, OutboundMessage Message);

/// <summary>A stored idempotency key and what it points at.</summary>
public sealed record IdempotencyHit(string ConversationId, long Seq, string? PayloadHash);

/// <summary>The conversation an email Message-ID belongs to.</summary>
public sealed record ThreadHit(string ConversationId, string CustomerId);

/// <summary>A stored event with where it is: its conversation, its sequence number and its storage cursor.</summary>
public sealed record StoredEvent(long Cursor, string ConversationId, long Seq, ConversationEvent Event);

/// <summary>A page of stored events and the cursor (or sequence number) to read the next one after.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, long Next, bool HasMore);
