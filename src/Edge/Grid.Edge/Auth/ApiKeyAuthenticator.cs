using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Edge.Auth;

/// <summary>
/// Maps API keys to integrators. Keys are kept only as SHA-256 hashes; lookups hash the presented key and
/// compare in fixed time.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    public const string Header = "x-api-key";

    private readonly List<(byte[] Hash, IntegratorIdentity Identity)> keys = [];

    public ApiKeyAuthenticator(IOptions<EdgeOptions> options)
    {
        foreach (var (name, integrator) in options.Value.Integrators)
        {
            if (!TenantId.IsValid(name) || !TenantId.IsValid(integrator.Tenant))
            {
                throw new InvalidOperationException(
                    $"Integrator '{name}' (tenant '{integrator.Tenant}'): names and tenants must be lowercase slugs ([a-z0-9._-], at most 63 characters).");
            }

            byte[] hash;
            if (!string.IsNullOrEmpty(integrator.ApiKeySha256))
            {
                hash = Convert.FromHexString(integrator.ApiKeySha256);
            }
            else if (!string.IsNullOrEmpty(integrator.ApiKey))
            {
                hash = Hash(integrator.ApiKey);
            }
            else
            {
                throw new InvalidOperationException($"Integrator '{name}' has neither ApiKeySha256 nor ApiKey configured.");
            }

            keys.Add((hash, new IntegratorIdentity(name, integrator.Tenant, ApiScopes.Of(integrator.Scopes))));
        }
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The integrator a key belongs to, or null.</summary>
    public IntegratorIdentity? Authenticate(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var hash = Hash(presentedKey);
        IntegratorIdentity? found = null;
        foreach (var (known, identity) in keys)
        {
            // Every key is compared, in fixed time, so timing does not tell how many keys there are or which matched.
            if (CryptographicOperations.FixedTimeEquals(known, hash))
            {
                found = identity;
            }
        }

        return found;
    }
}
