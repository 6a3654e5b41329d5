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

    public Task<int> DeadLetterAsync(string tenant, string integrator, IReadOnlyList<DeadLetterRequest> letters, DateTimeOffset now)
    {
        lock (tables.Gate)
        {
            var dead = 0;
            foreach (var letter in letters.DistinctBy(l => l.OutboundId))
            {
                if (tables.Outbox.FirstOrDefault(o => o.Tenant == tenant && o.Integrator == integrator && o.AckedAt is null && o.Message.OutboundId == letter.OutboundId) is { } row)
                {
                    row.AckedAt = now;
                    Dead[(tenant, letter.OutboundId)] = (integrator, row, new DeadLetter(row.Message, letter.Reason, letter.Attempts, now));
                    dead++;
                }
            }

            return Task.FromResult(dead);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ReadDeadAsync(string tenant, string integrator, long afterCursor, int limit)
    {
        lock (tables.Gate)
        {
            IReadOnlyList<DeadLetter> letters =
            [
                .. Dead.Where(d => d.Key.Tenant == tenant && d.Value.Integrator == integrator && d.Value.Row.Message.Cursor > afterCursor)
                    .Select(d => d.Value.Letter).OrderBy(l => l.Message.Cursor).Take(limit),
            ];
            return Task.FromResult(letters);
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> ResolveDeadAsync(string tenant, string integrator, IReadOnlyList<string> outboundIds, bool retry)
    {
        lock (tables.Gate)
        {
            var resolved = new List<OutboundMessage>();
            foreach (var id in outboundIds.Distinct(StringComparer.Ordinal))
            {
                if (Dead.TryGetValue((tenant, id), out var dead) && dead.Integrator == integrator && Dead.Remove((tenant, id)))
                {
                    if (retry)
                    {
                        dead.Row.AckedAt = null;
                    }

                    resolved.Add(dead.Row.Message);
                }
            }

            return Task.FromResult<IReadOnlyList<OutboundMessage>>(resolved);
        }
    }

    private Dictionary<(string Tenant, string OutboundId), (string Integrator, InMemoryTables.OutboxRecord Row, DeadLetter Letter)> Dead => tables.Dead;
}
