using System.Collections.Concurrent;

namespace Grid.Ingest;

/// <summary>
/// Identity grain keys already resolved on this silo, with their customer, so a returning customer's post skips the
/// identity grain call. An address moves only when its customer is merged into another: the merging silo updates its
/// entry, and another silo's stale entry costs one hop (the merged customer passes the message on to its target).
/// Bounded: cleared when full (a miss only costs that call). Unlinking or erasing an identity (later: GDPR) must evict here.
/// </summary>
internal sealed class IdentityCache
{
    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, string> customers = new(StringComparer.Ordinal);

    public bool TryGet(string identityKey, out string customerId) => customers.TryGetValue(identityKey, out customerId!);

    public void Set(string identityKey, string customerId)
    {
        if (customers.Count >= Capacity)
        {
            customers.Clear();
        }

        customers[identityKey] = customerId;
    }
}
