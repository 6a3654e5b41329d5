using Grid.CustomerDirectory;

namespace Grid.Storage;

/// <summary>The tenants' customer directories (tables grid_directory_customer and grid_directory_key).</summary>
public interface IDirectoryStore
{
    /// <summary>
    /// Writes the customers in one transaction, replacing each one's record and lookup keys; a customer whose record is
    /// unchanged is not written. Returns, in input order, whether each one was created, updated or unchanged.
    /// </summary>
    Task<IReadOnlyList<DirectoryWrite>> UpsertAsync(string tenant, IReadOnlyList<DirectoryEntry> entries, DateTimeOffset now);

    Task<DirectoryCustomer?> GetAsync(string tenant, string customerId);

    Task<DirectoryPage> ListAsync(string tenant, string? after, int limit);

    /// <summary>The customers owning any of the lookup keys, with the key and its kind.</summary>
    Task<IReadOnlyList<DirectoryKeyHit>> LookupAsync(string tenant, IReadOnlyCollection<string> lookups);

    /// <summary>The customers' directory rows (record and lookup keys) by table, for a GDPR export.</summary>
    Task<TableRows> ExportAsync(string tenant, IReadOnlyList<string> customerIds);

    /// <summary>Deletes the customers' directory rows (record and lookup keys) in one transaction; rows deleted per table.</summary>
    Task<ErasedRows> EraseAsync(string tenant, IReadOnlyList<string> customerIds);
}

/// <summary>A customer to write with its lookup keys (see <see cref="CustomerDirectory.CustomerIdentifier.KeysOf"/>).</summary>
public sealed record DirectoryEntry(DirectoryCustomer Customer, IReadOnlyList<(string Lookup, string Kind)> Keys);

public enum DirectoryWrite
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>A lookup key found, the customer owning it and the kind of reference it is ("invoice-number", "email-domain").</summary>
public sealed record DirectoryKeyHit(string Lookup, string CustomerId, string Kind);
