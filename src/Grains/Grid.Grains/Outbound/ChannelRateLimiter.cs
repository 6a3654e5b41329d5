using Grid.Hosting;

namespace Grid.Outbound;

/// <summary>
/// The rate limits of one integrator's channels (Grid:Outbound:RateLimits), kept by its outbox grain so that every stream
/// on every edge draws from the same buckets. A token bucket per limited channel, full at start, holding one second's
/// worth (at least one message) and refilled continuously. Pure: the caller gives the time.
/// </summary>
internal sealed class ChannelRateLimiter(OutboxOptions options, string integrator)
{
    private readonly Dictionary<Channel, Bucket?> buckets = [];

    /// <summary>
    /// Takes a token for one message on <paramref name="channel"/>; false (and how long until the next token) when the
    /// channel is at its rate. A channel without a limit always has one.
    /// </summary>
    public bool TryTake(Channel channel, DateTimeOffset now, out TimeSpan wait)
    {
        if (!buckets.TryGetValue(channel, out var bucket))
        {
            bucket = buckets[channel] = options.RateOf(integrator, channel) is { } rate ? new Bucket(rate, now) : null;
        }

        wait = TimeSpan.Zero;
        return bucket is null || bucket.TryTake(now, out wait);
    }

    private sealed class Bucket(double rate, DateTimeOffset start)
    {
        private readonly double capacity = Math.Max(1, rate);
        private double tokens = Math.Max(1, rate);
        private DateTimeOffset at = start;

        public bool TryTake(DateTimeOffset now, out TimeSpan wait)
        {
            if (now > at)
            {
                tokens = Math.Min(capacity, tokens + ((now - at).TotalSeconds * rate));
                at = now;
            }

            if (tokens >= 1)
            {
                tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromSeconds((1 - tokens) / rate);
            return false;
        }
    }
}
