using Grid.Conversations.Events;

namespace Grid.Storage.InMemory;

/// <summary>
/// The tables of the in-memory stores, shared so that a journal unit changes the journal, the outbox, the waiting
/// lists, the thread index and the live-conversation index atomically (one lock), as the SQL stores do in one
/// transaction. For unit tests.
/// </summary>
public sealed class InMemoryTables
{
    internal object Gate { get; } = new();

    internal List<JournalRowRecord> Journal { get; } = [];

    internal Dictionary<(string Tenant, string Source, string Key), JournalRowRecord> Keys { get; } = [];

    internal HashSet<(string Tenant, string Conversation, long Seq)> Seqs { get; } = [];

    internal List<OutboxRecord> Outbox { get; } = [];

    internal Dictionary<(string Tenant, string Conversation), (string Queue, QueueEntry Entry)> Waiting { get; } = [];

    internal Dictionary<(string Tenant, string MessageId), ThreadHit> Threads { get; } = [];

    internal Dictionary<(string Tenant, string Conversation), LiveConversation> Live { get; } = [];

    internal Dictionary<(string Tenant, string OutboundId), (string Integrator, OutboxRecord Row, DeadLetter Letter)> Dead { get; } = [];

    internal sealed record JournalRowRecord(long Id, string Tenant, string ConversationId, long Seq, string CustomerId, string? PayloadHash, ConversationEvent Event);

    internal sealed class OutboxRecord(string tenant, string integrator, OutboundMessage message)
    {
        public string Tenant { get; } = tenant;

        public string Integrator { get; } = integrator;

        public OutboundMessage Message { get; } = message;

        public DateTimeOffset? AckedAt { get; set; }
    }
}
