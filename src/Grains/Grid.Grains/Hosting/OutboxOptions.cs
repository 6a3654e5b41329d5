namespace Grid.Hosting;

/// <summary>
/// Delivery of the outboxes to the integrators' outbound streams (Grid:Outbound; docs/architecture.md, "Outbound streams:
/// leases"). Read by the silos: the outbox grain grants the leases, counts the sends and holds the rate limits.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>The longest wait between two sends of one message (the wait doubles from <see cref="RedeliverAfter"/>).</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The lease time: a message given to a stream and not acknowledged this long goes back to the integrator's streams;
    /// its next send waits twice as long after the previous one, then four times… (at most <see cref="MaxBackoff"/>).
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sends without an acknowledgement after which a message becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long after it was written a message still pending becomes a dead letter.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Messages one stream may hold leased and unacknowledged at once (its window); beyond, it waits for its acks.</summary>
    public int MaxLeasedPerStream { get; set; } = 1000;

    /// <summary>
    /// Messages per second per integrator and channel (Grid:Outbound:RateLimits:&lt;integrator&gt;:&lt;channel&gt;, e.g.
    /// <c>Grid:Outbound:RateLimits:sms-gw:sms = 20</c>), for every stream of the integrator together, on every edge. A
    /// burst of one second's worth passes at once; messages over the rate wait in the outbox, none is dropped.
    /// </summary>
    public Dictionary<string, Dictionary<string, double>> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long after its <paramref name="attempts"/>-th send a message is offered again.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, RedeliverAfter.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>The configured rate of an integrator's channel (messages per second), or null when it is not limited.</summary>
    public double? RateOf(string integrator, Channel channel)
    {
        if (RateLimits.TryGetValue(integrator, out var channels))
        {
            foreach (var (name, rate) in channels)
            {
                if (Enum.TryParse<Channel>(name, ignoreCase: true, out var parsed) && parsed == channel)
                {
                    return rate;
                }
            }
        }

        return null;
    }

    /// <summary>What is wrong with these options, each problem naming its key.</summary>
    public static IEnumerable<string> Check(OutboxOptions o)
    {
        if (o.RedeliverAfter <= TimeSpan.Zero)
        {
            yield return "Grid:Outbound:RedeliverAfter must be a positive duration (e.g. 00:01:00)";
        }

        if (o.MaxAttempts is < 1 or > 1000)
        {
            yield return $"Grid:Outbound:MaxAttempts must be 1 to 1000 sends (it is {o.MaxAttempts})";
        }

        if (o.DeadAfter <= TimeSpan.Zero)
        {
            yield return "Grid:Outbound:DeadAfter must be a positive duration (e.g. 2.00:00:00)";
        }

        if (o.MaxLeasedPerStream is < 1 or > 100_000)
        {
            yield return $"Grid:Outbound:MaxLeasedPerStream must be 1 to 100000 messages (it is {o.MaxLeasedPerStream})";
        }

        foreach (var (integrator, channels) in o.RateLimits)
        {
            foreach (var (channel, rate) in channels)
            {
                var key = $"Grid:Outbound:RateLimits:{integrator}:{channel}";
                if (!Enum.TryParse<Channel>(channel, ignoreCase: true, out var parsed) || parsed == Channel.Unspecified || int.TryParse(channel, out _))
                {
                    yield return $"{key}: '{channel}' is not a channel (sms, email, whatsapp, webchat, voice, messenger)";
                }
                else if (!(rate is > 0 and <= 100_000))
                {
                    yield return $"{key} must be 0 < messages per second <= 100000 (it is {rate})";
                }
            }
        }
    }
}
