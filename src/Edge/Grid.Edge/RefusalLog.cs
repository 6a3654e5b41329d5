using System.Collections.Concurrent;
using System.Net;

namespace Grid.Edge;

/// <summary>
/// Rate limit of the log lines about refused calls, so that a client repeating bad calls (an unknown id, a wrong API key)
/// cannot flood the log: per kind of refusal and client IP address, at most one line per <see cref="Window"/>; the next
/// line after a quiet spell carries the count of refusals that were not logged. Every refusal is still logged at Debug,
/// and counted by the metrics where they count it. Addresses beyond <see cref="MaxTracked"/> share one slot.
/// </summary>
public sealed class RefusalLog(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The most (kind, address) pairs remembered; beyond, expired ones are dropped, then all others share a slot.</summary>
    public const int MaxTracked = 10_000;

    private const string Others = "(others)";

    private readonly ConcurrentDictionary<(string Kind, string Address), Slot> slots = new();

    /// <summary>The address to log for a client: its IP address, or "unknown".</summary>
    public static string Address(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>
    /// Whether a refusal of <paramref name="kind"/> from <paramref name="address"/> is logged now; when it is,
    /// <paramref name="suppressed"/> is how many were not since the last line.
    /// </summary>
    public bool ShouldLog(string kind, string address, out long suppressed)
    {
        var now = time.GetUtcNow();
        if (slots.Count >= MaxTracked && !slots.ContainsKey((kind, address)))
        {
            foreach (var (key, old) in slots)
            {
                if (old.Expired(now))
                {
                    slots.TryRemove(key, out _);
                }
            }

            if (slots.Count >= MaxTracked)
            {
                address = Others;
            }
        }

        return slots.GetOrAdd((kind, address), _ => new Slot()).TryOpen(now, out suppressed);
    }

    private sealed class Slot
    {
        private DateTimeOffset until = DateTimeOffset.MinValue;
        private long suppressed;

        private readonly Lock gate = new();

        /// <summary>Its window has passed (a count not yet logged is lost when the slot is dropped).</summary>
        public bool Expired(DateTimeOffset now)
        {
            lock (gate)
            {
                return now >= until;
            }
        }

        public bool TryOpen(DateTimeOffset now, out long notLogged)
        {
            lock (gate)
            {
                if (now < until)
                {
                    suppressed++;
                    notLogged = 0;
                    return false;
                }

                notLogged = suppressed;
                suppressed = 0;
                until = now + Window;
                return true;
            }
        }
    }
}
