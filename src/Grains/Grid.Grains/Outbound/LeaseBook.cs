using Grid.Hosting;

namespace Grid.Outbound;

/// <summary>What a lease request may do with a pending message.</summary>
internal enum Offer
{
    /// <summary>Give it to the stream asking.</summary>
    Ready,

    /// <summary>Another stream (or the one asking) holds it under a live lease.</summary>
    Leased,

    /// <summary>Sent and unacknowledged; its next send is not due yet (the back-off).</summary>
    Waiting,

    /// <summary>Older than Grid:Outbound:DeadAfter: a dead letter ("too-old").</summary>
    TooOld,

    /// <summary>Sent Grid:Outbound:MaxAttempts times without an acknowledgement: a dead letter ("max-attempts").</summary>
    MaxAttempts,
}

/// <summary>
/// The leases of one outbox, kept in memory by its grain (one activation in the cluster): which pending message is leased
/// to which stream until when, how many times each unacknowledged message was sent and when it may be sent again, and a
/// low watermark below which every pending row is leased or gone, so that a lease request does not read the backlog it
/// already handed out. Pure: the grain reads the rows and gives the time.
/// </summary>
internal sealed class LeaseBook(OutboxOptions options)
{
    private readonly Dictionary<string, Lease> leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Sends> sends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> asked = new(StringComparer.Ordinal);

    /// <summary>Every pending row at or below this cursor is leased (or was acknowledged or dead-lettered): requests read after it.</summary>
    public long Low { get; private set; }

    /// <summary>How many messages are leased, all streams together.</summary>
    public int Count => leases.Count;

    /// <summary>How many more messages <paramref name="consumer"/> may hold (Grid:Outbound:MaxLeasedPerStream).</summary>
    public int Room(string consumer) => Math.Max(0, options.MaxLeasedPerStream - held.GetValueOrDefault(consumer));

    /// <summary>Who holds a message's lease, if anyone.</summary>
    public string? HolderOf(string outboundId) => leases.TryGetValue(outboundId, out var lease) ? lease.Consumer : null;

    /// <summary>Ends the leases expired at <paramref name="now"/>: their messages are offered again. Returns how many.</summary>
    public int Expire(DateTimeOffset now)
    {
        var expired = leases.Where(l => l.Value.Expires <= now).Select(l => l.Key).ToList();
        foreach (var id in expired)
        {
            End(id);
        }

        return expired.Count;
    }

    /// <summary>When the next lease expires, if any is held.</summary>
    public DateTimeOffset? NextExpiry() => leases.Count == 0 ? null : leases.Values.Min(l => l.Expires);

    /// <summary>Makes the next request read from <paramref name="cursor"/> on (a row committed late, a lease ended).</summary>
    public void Rewind(long cursor) => Low = Math.Min(Low, Math.Max(0, cursor - 1));

    /// <summary>Moves the watermark past a row that is leased or gone.</summary>
    public void Advance(long cursor) => Low = Math.Max(Low, cursor);

    /// <summary>
    /// Notes that <paramref name="consumer"/> asks for messages at <paramref name="now"/> (it is alive); streams not heard
    /// of for ten lease times are forgotten.
    /// </summary>
    public void Asking(string consumer, DateTimeOffset now)
    {
        asked[consumer] = now;
        foreach (var gone in asked.Where(a => now - a.Value > options.RedeliverAfter * 10).Select(a => a.Key).ToList())
        {
            asked.Remove(gone);
        }
    }

    /// <summary>
    /// What <paramref name="consumer"/> may do with a pending message. A message whose lease <paramref name="consumer"/> let
    /// expire waits one more lease time for the other live streams (a stream that does not acknowledge is likely stuck);
    /// with no other stream asking, it comes back to the same one.
    /// </summary>
    public Offer Judge(OutboundMessage message, string consumer, DateTimeOffset now)
    {
        if (leases.ContainsKey(message.OutboundId))
        {
            return Offer.Leased;
        }

        var sent = sends.GetValueOrDefault(message.OutboundId);
        if (now - message.CreatedAt >= options.DeadAfter)
        {
            return Offer.TooOld;
        }

        if (sent.Attempts > 0 && DueFor(sent, consumer, now) > now)
        {
            return Offer.Waiting;
        }

        return sent.Attempts >= options.MaxAttempts ? Offer.MaxAttempts : Offer.Ready;
    }

    /// <summary>How many times a message was sent (given under a lease) without an acknowledgement.</summary>
    public int Attempts(string outboundId) => sends.GetValueOrDefault(outboundId).Attempts;

    /// <summary>When a sent message may be sent again to <paramref name="consumer"/>.</summary>
    public DateTimeOffset DueOf(string outboundId, string consumer, DateTimeOffset now) => DueFor(sends.GetValueOrDefault(outboundId), consumer, now);

    private DateTimeOffset DueFor(Sends sent, string consumer, DateTimeOffset now) =>
        sent.Consumer == consumer && asked.Any(a => a.Key != consumer && now - a.Value <= options.RedeliverAfter)
            ? sent.Due + options.RedeliverAfter
            : sent.Due;

    /// <summary>Leases a message to <paramref name="consumer"/> for Grid:Outbound:RedeliverAfter and counts the send; returns its number.</summary>
    public int Grant(string consumer, OutboundMessage message, DateTimeOffset now)
    {
        var attempts = sends.GetValueOrDefault(message.OutboundId).Attempts + 1;
        sends[message.OutboundId] = new Sends(attempts, now + options.Backoff(attempts), consumer);
        leases[message.OutboundId] = new Lease(consumer, now + options.RedeliverAfter, message.Cursor);
        held[consumer] = held.GetValueOrDefault(consumer) + 1;
        return attempts;
    }

    /// <summary>Messages acknowledged or dead-lettered: no longer leased nor counted.</summary>
    public void Done(IEnumerable<string> outboundIds)
    {
        foreach (var id in outboundIds)
        {
            End(id, rewind: false);
            sends.Remove(id);
        }
    }

    /// <summary>Dead letters put back into delivery: counted from zero and offered at once.</summary>
    public void Restart(IEnumerable<OutboundMessage> messages)
    {
        foreach (var message in messages)
        {
            sends.Remove(message.OutboundId);
            Rewind(message.Cursor);
        }
    }

    /// <summary>
    /// A stream closed: its leases end and every message it was the last to be sent is due again at once (as a reconnect
    /// always re-sent everything unacknowledged); the sends of <paramref name="unsent"/> (leased, never written) are not counted.
    /// </summary>
    public void Release(string consumer, IReadOnlyCollection<string> unsent, DateTimeOffset now)
    {
        foreach (var id in leases.Where(l => l.Value.Consumer == consumer).Select(l => l.Key).ToList())
        {
            End(id);
        }

        foreach (var (id, sent) in sends.Where(s => s.Value.Consumer == consumer).ToList())
        {
            var attempts = unsent.Contains(id) ? sent.Attempts - 1 : sent.Attempts;
            if (attempts <= 0)
            {
                sends.Remove(id);
            }
            else
            {
                sends[id] = sent with { Attempts = attempts, Due = now };
            }
        }

        held.Remove(consumer);
        asked.Remove(consumer);
    }

    private void End(string outboundId, bool rewind = true)
    {
        if (!leases.Remove(outboundId, out var lease))
        {
            return;
        }

        var left = held.GetValueOrDefault(lease.Consumer) - 1;
        if (left > 0)
        {
            held[lease.Consumer] = left;
        }
        else
        {
            held.Remove(lease.Consumer);
        }

        if (rewind)
        {
            Rewind(lease.Cursor);
        }
    }

    private readonly record struct Lease(string Consumer, DateTimeOffset Expires, long Cursor);

    private readonly record struct Sends(int Attempts, DateTimeOffset Due, string Consumer);
}
