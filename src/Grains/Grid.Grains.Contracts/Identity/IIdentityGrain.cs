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
}
