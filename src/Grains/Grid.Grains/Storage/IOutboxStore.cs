namespace Grid.Storage;

/// <summary>
/// The durable outbox: outbound messages per integrator, written with the journal unit that carries them
/// (see <see cref="IConversationJournal"/>), read by cursor until the integrator acknowledges them.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Unacknowledged outbound messages of an integrator after a cursor, oldest first.</summary>
    Task<IReadOnlyList<OutboundMessage>> ReadPendingAsync(string tenant, string integrator, long afterCursor, int limit);

    /// <summary>Marks outbound messages acknowledged; returns how many were still pending.</summary>
    Task<int> AckAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, DateTimeOffset now);

    /// <summary>Marks pending messages dead (no longer pending) with why; returns how many were pending.</summary>
    Task<int> DeadLetterAsync(string tenant, string integrator, IReadOnlyList<DeadLetterRequest> letters, DateTimeOffset now);

    /// <summary>Dead letters of an integrator after a cursor (the outbox row id), oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ReadDeadAsync(string tenant, string integrator, long afterCursor, int limit);

    /// <summary>Dead letters made pending again (<paramref name="retry"/>) or dropped; returns those messages.</summary>
    Task<IReadOnlyList<OutboundMessage>> ResolveDeadAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, bool retry);
}
