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

    /// <summary>The conversations holding at least one row of these customers (GDPR: what an erasure must cover).</summary>
    Task<IReadOnlyList<string>> ConversationsOfAsync(string tenant, IReadOnlyList<string> customerIds);

    /// <summary>
    /// Every row of the scope in the journal's database (journal, outbox, dead letters, email thread index, waiting lists,
    /// live-conversation index), by table: the raw material of a GDPR export.
    /// </summary>
    Task<TableRows> ExportAsync(ErasureScope scope);

    /// <summary>
    /// Deletes every row of the scope in the journal's database (the tables <see cref="ExportAsync"/> reads) in one
    /// transaction; returns how many rows each table lost. Erasing what is already gone deletes nothing.
    /// </summary>
    Task<ErasedRows> EraseAsync(ErasureScope scope);

    /// <summary>
    /// Up to <paramref name="limit"/> conversations of a tenant closed before <paramref name="closedBefore"/> and not
    /// reopened or live since (retention).
    /// </summary>
    Task<IReadOnlyList<ClosedConversation>> FindClosedAsync(string tenant, DateTimeOffset closedBefore, int limit);
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
