using Grid.Privacy;

namespace Grid.Storage;

/// <summary>The tenants' audit logs (table grid_audit): append-only records of admin and GDPR actions, no personal data.</summary>
public interface IAuditLogStore
{
    /// <summary>Appends a record (its <see cref="AuditRecord.Id"/> is ignored) and returns the id it got.</summary>
    Task<long> AppendAsync(string tenant, AuditRecord record);

    /// <summary>A page of a tenant's records, newest first, matching the query's filters.</summary>
    Task<AuditPage> ListAsync(string tenant, AuditQuery query);
}
