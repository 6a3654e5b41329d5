namespace Grid;

/// <summary>
/// Grain keys. Every key starts with the tenant id followed by '/'; keys never hold personal data
/// (addresses appear only as keyed hashes).
/// </summary>
public static class GridKeys
{
    public static string Of(string tenant, string id) => $"{tenant}/{id}";

    /// <summary>Splits "tenant/rest" into its tenant and the rest.</summary>
    public static (string Tenant, string Id) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Grain key '{key}' is not of the form tenant/id.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The identity grain key for an address kind and the keyed hash of its normalised address.</summary>
    public static string Identity(string tenant, AddressKind kind, string addressHash) =>
        $"{tenant}/{kind.ToString().ToLowerInvariant()}/{addressHash}";

    /// <summary>The outbox of one integrator of a tenant.</summary>
    public static string Outbox(string tenant, string integrator) => $"{tenant}/{integrator}";
}
