using System.Collections.Concurrent;

namespace Grid.Ingest;

/// <summary>
/// Identity grain keys already resolved on this silo, with their customer, so a returning customer's post skips the
/// identity grain call. An address moves only when its customer is merged into another: the merging silo updates its
/// entry, and another silo's stale entry costs one hop (the merged customer passes the message on to its target).
/// Bounded: cleared when full (a miss only costs that call). An unlinked address (an identification undone) is evicted
/// on the silo that unlinked it; other silos forget every entry after <see cref="MaxAge"/>, so an unlink holds
/// everywhere within that time.
/// </summary>
internal sealed class IdentityCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, (string Customer, long Until)> customers = new(StringComparer.Ordinal);

    public bool TryGet(string identityKey, out string customerId)
    {
        if (customers.TryGetValue(identityKey, out var entry) && entry.Until > Environment.TickCount64)
        {
            customerId = entry.Customer;
            return true;
        }

        customerId = "";
        return false;
    }

    public void Set(string identityKey, string customerId)
    {
        if (customers.Count >= Capacity)
        {
            customers.Clear();
        }

        customers[identityKey] = (customerId, Environment.TickCount64 + (long)MaxAge.TotalMilliseconds);
    }

    public void Evict(string identityKey) => customers.TryRemove(identityKey, out _);
}
