namespace Grid.Privacy;

/// <summary>
/// A tenant's audit log of admin and GDPR actions (key: the tenant; a stateless worker over the grid_audit table).
/// The edge records each admin call that changed something; GDPR actions are recorded by <see cref="IPrivacyGrain"/>.
/// </summary>
[Alias("grid.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a record (its id and time are assigned here) and returns its id.</summary>
    [Alias("RecordAsync")]
    Task<long> RecordAsync(string actor, string action, IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> details);

    /// <summary>A page of the log, newest first.</summary>
    [Alias("ListAsync")]
    Task<AuditPage> ListAsync(AuditQuery query);
}
