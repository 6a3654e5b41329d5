namespace Grid.Storage.InMemory;

/// <summary>The outbox in memory, with the same contract as the SQL outbox.</summary>
public sealed class InMemoryOutboxStore(InMemoryTables tables) : IOutboxStore
{
    public Task<IReadOnlyList<OutboundMessage>> ReadPendingAsync(string tenant, string integrator, long afterCursor, int limit)
    {
        lock (tables.Gate)
        {
            IReadOnlyList<OutboundMessage> pending =
            [
                .. tables.Outbox
                    .Where(o => o.Tenant == tenant && o.Integrator == integrator && o.AckedAt is null && o.Message.Cursor > afterCursor)
                    .Select(o => o.Message)
                    .Take(limit),
            ];
            return Task.FromResult(pending);
        }
    }

    public Task<int> AckAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, DateTimeOffset now)
    {
        lock (tables.Gate)
        {
            var ids = outboundIds.ToHashSet(StringComparer.Ordinal);
            var acked = 0;
            foreach (var row in tables.Outbox.Where(o => o.Tenant == tenant && o.Integrator == integrator && o.AckedAt is null && ids.Contains(o.Message.OutboundId)))
            {
                row.AckedAt = now;
                acked++;
            }

            return Task.FromResult(acked);
        }
    }
}
