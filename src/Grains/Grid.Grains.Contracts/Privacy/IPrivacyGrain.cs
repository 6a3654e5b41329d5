namespace Grid.Privacy;

/// <summary>
/// A tenant's GDPR operations (key: the tenant; docs/architecture.md, "GDPR and audit"): export and erasure of a
/// customer, and the retention policy, applied by a reminder and on demand. Each is recorded in the audit log
/// without personal data. Refusals are <see cref="PrivacyRuleException"/>.
/// </summary>
[Alias("grid.IPrivacyGrain")]
public interface IPrivacyGrain : IGrainWithStringKey
{
    /// <summary>Everything Grid holds about the customer as one JSON document; not_found for an unknown customer or address.</summary>
    [Alias("ExportAsync")]
    Task<string> ExportAsync(CustomerSubject subject, string actor);

    /// <summary>
    /// Deletes the customer (and customers merged into it) everywhere: grain states, journal and the tables written with
    /// it, directory rows, identities, the bot's record of its questions. not_found for an unknown customer or address; a
    /// customer id erased before answers again with <see cref="ErasureReport.AlreadyErased"/> and nothing deleted.
    /// </summary>
    [Alias("EraseAsync")]
    Task<ErasureReport> EraseAsync(CustomerSubject subject, string reason, string actor);

    [Alias("GetRetentionAsync")]
    Task<RetentionPolicy> GetRetentionAsync();

    /// <summary>Sets how many days closed conversations are kept (0: for ever; at most 36,500).</summary>
    [Alias("SetRetentionAsync")]
    Task<RetentionPolicy> SetRetentionAsync(int keepClosedDays, string actor);

    /// <summary>
    /// Runs the retention policy now, as if the time were <paramref name="asOf"/> (null: now): purges up to
    /// <paramref name="limit"/> conversations closed more than the policy's days before it.
    /// </summary>
    [Alias("RunRetentionAsync")]
    Task<RetentionRun> RunRetentionAsync(DateTimeOffset? asOf, int limit, string actor);
}
