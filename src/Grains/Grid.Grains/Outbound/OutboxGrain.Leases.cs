namespace Grid.Outbound;

/// <summary>
/// Competing consumers: the outbox grain leases batches of pending rows to the integrator's streams (docs/architecture.md,
/// "Outbound streams: leases"). The grain is one activation in the cluster and handles one call at a time, so two streams
/// on two edges never get the same row under live leases. The rows stay the truth: leases live in memory only, and a new
/// activation (after a silo failure) offers everything pending again — at-least-once, as before.
/// </summary>
internal sealed partial class OutboxGrain
{
    private const int Page = 200;

    // Rows held back (rate limit, back-off) that one request looks past before it stops: rows behind them wait.
    private const int MaxHeldBack = 1000;

    private static readonly TimeSpan ThrottledAsk = TimeSpan.FromMilliseconds(200);

    // How often a request reads from the start: rows committed out of cursor order (PostgreSQL) whose hint was lost.
    private static readonly TimeSpan FullScan = TimeSpan.FromSeconds(10);

    // Streams told their window is full: an acknowledgement wakes them rather than their next poll.
    private readonly HashSet<string> full = new(StringComparer.Ordinal);

    private DateTimeOffset lastFullScan = DateTimeOffset.MinValue;

    public async Task<OutboxLease> LeaseAsync(string consumer, int limit)
    {
        var now = clock.GetUtcNow();
        leases.Asking(consumer, now);
        var expired = leases.Expire(now);
        if (expired > 0)
        {
            GridMetrics.OutboundLeasesExpired.Inc(expired);
        }

        if (now - lastFullScan >= FullScan)
        {
            leases.Rewind(1);
            lastFullScan = now;
        }

        var room = Math.Min(Math.Clamp(limit, 1, 1000), leases.Room(consumer));
        if (room == 0)
        {
            full.Add(consumer);
        }

        var granted = new List<OutboundMessage>();
        var sends = new List<int>();
        var dead = new List<DeadLetterRequest>();
        var throttled = new Dictionary<Channel, DateTimeOffset>();
        var next = leases.NextExpiry();
        var contiguous = true;
        var heldBack = 0;
        var after = leases.Low;
        while (granted.Count < room && heldBack < MaxHeldBack)
        {
            var page = await outbox.ReadPendingAsync(tenant, integrator, after, Page);
            foreach (var message in page.TakeWhile(_ => granted.Count < room && heldBack < MaxHeldBack))
            {
                DateTimeOffset? wait = null;
                switch (leases.Judge(message, consumer, now))
                {
                    case Offer.Waiting:
                        wait = leases.DueOf(message.OutboundId, consumer, now);
                        break;
                    case Offer.TooOld:
                        dead.Add(new DeadLetterRequest(message.OutboundId, "too-old", leases.Attempts(message.OutboundId)));
                        break;
                    case Offer.MaxAttempts:
                        dead.Add(new DeadLetterRequest(message.OutboundId, "max-attempts", leases.Attempts(message.OutboundId)));
                        break;
                    case Offer.Ready:
                        wait = TakeToken(consumer, message, now, throttled, granted, sends);
                        break;
                }

                if (wait is { } due)
                {
                    contiguous = false;
                    heldBack++;
                    next = next is { } earlier && earlier < due ? earlier : due;
                }
                else if (contiguous)
                {
                    leases.Advance(message.Cursor);
                }
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Cursor;
        }

        // The leases just granted expire too: the stream asks again then, not at its next poll (seconds later).
        if (leases.NextExpiry() is { } expiry && (next is null || expiry < next))
        {
            next = expiry;
        }

        await BuryAsync(dead);
        foreach (var channel in throttled.Keys)
        {
            GridMetrics.OutboundThrottled.WithLabels(channel.ToString().ToLowerInvariant()).Inc();
        }

        return new OutboxLease(granted, next is { } at ? (at > now ? at - now : TimeSpan.Zero) : null, sends);
    }

    /// <summary>Grants a ready message if its channel has a token; otherwise returns when the channel's next token comes.</summary>
    private DateTimeOffset? TakeToken(string consumer, OutboundMessage message, DateTimeOffset now, Dictionary<Channel, DateTimeOffset> throttled,
        List<OutboundMessage> granted, List<int> sends)
    {
        if (throttled.TryGetValue(message.Channel, out var token))
        {
            return token;
        }

        if (!rates.TryTake(message.Channel, now, out var untilToken))
        {
            // Asked again no sooner than ThrottledAsk: tokens gather meanwhile, a request takes several (fewer reads).
            return throttled[message.Channel] = now + (untilToken > ThrottledAsk ? untilToken : ThrottledAsk);
        }

        sends.Add(leases.Grant(consumer, message, now));
        granted.Add(message);
        return null;
    }

    public async Task ReleaseAsync(string consumer, IReadOnlyList<string> unsent)
    {
        leases.Release(consumer, unsent.ToHashSet(StringComparer.Ordinal), clock.GetUtcNow());
        full.Remove(consumer);
        // The other streams take the released rows at once rather than at their next poll.
        await NotifyAsync([]);
    }

    /// <summary>After acknowledgements: streams waiting with a full window may take more now.</summary>
    private Task WakeFullStreamsAsync(int acked)
    {
        if (acked == 0 || full.Count == 0)
        {
            return Task.CompletedTask;
        }

        full.Clear();
        return NotifyAsync([]);
    }

    private async Task BuryAsync(List<DeadLetterRequest> dead)
    {
        if (dead.Count > 0)
        {
            await DeadLetterAsync(dead);
        }
    }
}
