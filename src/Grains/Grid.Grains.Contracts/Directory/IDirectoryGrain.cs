namespace Grid.CustomerDirectory;

/// <summary>
/// A tenant's customer directory (key: tenant). Imports are serialised per tenant; reads interleave. The directory's
/// rows live in the grid database (table grid_directory_customer and its lookup keys), so identification reads them
/// without going through this grain.
/// </summary>
[Alias("grid.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates a whole document (<paramref name="format"/> "json" or "csv") and upserts its customers; a bad row refuses
    /// the whole import (<see cref="DirectoryRuleException"/> naming the line or entry and the field). Re-importing the same
    /// document changes nothing. Contacts' addresses resolve to their customer from then on.
    /// </summary>
    [Alias("ImportAsync")]
    Task<DirectoryImportSummary> ImportAsync(string format, string document);

    /// <summary>The customer's directory record, or null.</summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<DirectoryCustomer?> GetAsync(string customerId);

    /// <summary>Customers by id after <paramref name="after"/> (exclusive), at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<DirectoryPage> ListAsync(string? after, int limit);

    /// <summary>Who a message identifies (no side effect): references, then the sender's email domain.</summary>
    [AlwaysInterleave]
    [Alias("IdentifyAsync")]
    Task<IdentificationResult> IdentifyAsync(string? subject, string text, Channel channel, string? sender);
}
