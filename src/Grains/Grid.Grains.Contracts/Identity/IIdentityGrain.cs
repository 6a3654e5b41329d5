namespace Grid;

/// <summary>
/// One customer address (keyed by tenant, address kind and a keyed hash of the normalised address).
/// Holds the id of the customer the address belongs to.
/// </summary>
[Alias("grid.IIdentityGrain")]
public interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>Returns the customer this address belongs to, creating a new customer on first contact.</summary>
    [Alias("ResolveAsync")]
    Task<string> ResolveAsync();

    /// <summary>Returns the customer this address belongs to, or null when it has never been seen.</summary>
    [Alias("TryGet")]
    Task<string?> TryGetAsync();

    /// <summary>
    /// Links a never-seen address to an existing customer (an email reply from a colleague's address, for example).
    /// Returns the customer the address belongs to afterwards: <paramref name="customerId"/>, or the customer it
    /// already belonged to (an address is never moved from one customer to another here).
    /// </summary>
    [Alias("LinkAsync")]
    Task<string> LinkAsync(string customerId);

    /// <summary>
    /// Moves the address from customer <paramref name="fromCustomerId"/> to <paramref name="toCustomerId"/> (a merge),
    /// only when it belongs to the first. Returns the customer it belongs to afterwards.
    /// </summary>
    [Alias("MoveAsync")]
    Task<string?> MoveAsync(string fromCustomerId, string toCustomerId);

    /// <summary>
    /// GDPR erasure: when the address belongs to one of <paramref name="customerIds"/>, deletes its stored state (the
    /// row) and deactivates; true when it did.
    /// </summary>
    [Alias("ForgetAsync")]
    Task<bool> ForgetAsync(IReadOnlyList<string> customerIds);
}
