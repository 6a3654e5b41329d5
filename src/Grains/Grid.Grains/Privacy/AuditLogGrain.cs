using Grid.Storage;

namespace Grid.Privacy;

/// <summary>A tenant's audit log over the grid_audit table (stateless: every silo may append and read).</summary>
[StatelessWorker]
internal sealed class AuditLogGrain(IAuditLogStore store, TimeProvider clock) : Grain, IAuditLogGrain
{
    public Task<long> RecordAsync(string actor, string action, IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> details) =>
        store.AppendAsync(this.GetPrimaryKeyString(), new AuditRecord(0, clock.GetUtcNow(), actor, action, [.. targets], new Dictionary<string, string>(details)));

    public Task<AuditPage> ListAsync(AuditQuery query) => store.ListAsync(this.GetPrimaryKeyString(), query);
}
