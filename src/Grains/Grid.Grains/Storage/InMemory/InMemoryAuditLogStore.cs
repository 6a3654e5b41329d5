using Grid.Privacy;

namespace Grid.Storage.InMemory;

/// <summary>The audit log in memory, with the same contract as the SQL store.</summary>
public sealed class InMemoryAuditLogStore : IAuditLogStore
{
    private readonly List<(string Tenant, AuditRecord Record)> records = [];

    public Task<long> AppendAsync(string tenant, AuditRecord record)
    {
        lock (records)
        {
            var id = records.Count + 1L;
            records.Add((tenant, record with { Id = id }));
            return Task.FromResult(id);
        }
    }

    public Task<AuditPage> ListAsync(string tenant, AuditQuery query)
    {
        lock (records)
        {
            var matching = records
                .Where(r => r.Tenant == tenant && (query.BeforeId <= 0 || r.Record.Id < query.BeforeId))
                .Select(r => r.Record)
                .Where(r => (query.Action is null || r.Action == query.Action) && (query.Actor is null || r.Actor == query.Actor)
                    && (query.Target is null || r.Targets.Contains(query.Target)) && (query.Since is null || r.At >= query.Since)
                    && (query.Until is null || r.At < query.Until))
                .OrderByDescending(r => r.Id)
                .Take(query.Limit + 1)
                .ToList();
            var more = matching.Count > query.Limit;
            IReadOnlyList<AuditRecord> page = [.. matching.Take(query.Limit)];
            return Task.FromResult(new AuditPage(page, more ? page[^1].Id : 0));
        }
    }
}
