namespace Grid.Edge.Auth;

/// <summary>
/// Who is calling: an integrator of one tenant, established from its API key, and what its key may call (its scopes,
/// see <see cref="ApiScopes"/>; <see cref="ApiScopes.Default"/> when null).
/// </summary>
public sealed record IntegratorIdentity(string Name, string Tenant, IReadOnlySet<string>? Scopes = null)
{
    /// <summary>Whether the key has <paramref name="scope"/>.</summary>
    public bool Has(string scope) => (Scopes ?? ApiScopes.Default).Contains(scope);
}
