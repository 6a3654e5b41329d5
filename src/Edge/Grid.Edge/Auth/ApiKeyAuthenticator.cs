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

    // Each key's digest, its integrator, and its rate-limit bucket (made once here, not per call).
    private readonly List<(byte[] Hash, IntegratorIdentity Identity, string Bucket)> keys = [];

    public ApiKeyAuthenticator(IOptions<EdgeOptions> options)
    {
        foreach (var (name, integrator) in options.Value.Integrators)
        {
            if (!TenantId.IsValid(name) || !TenantId.IsValid(integrator.Tenant))
            {
                throw new InvalidOperationException(
                    $"Integrator '{name}' (tenant '{integrator.Tenant}'): names and tenants must be lowercase slugs ([a-z0-9._-], at most 63 characters).");
            }

            var identity = new IntegratorIdentity(name, integrator.Tenant, ApiScopes.Of(integrator.Scopes));
            var hashes = HashesOf(integrator);
            if (hashes.Count == 0)
            {
                throw new InvalidOperationException($"Integrator '{name}' has no key: configure ApiKeySha256, ApiKeysSha256 or ApiKey.");
            }

            keys.AddRange(hashes.Select(hash => (hash, identity, name + "/" + Convert.ToHexStringLower(hash, 0, 8))));
        }
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Every key of an integrator as a SHA-256 digest: ApiKeySha256, each of ApiKeysSha256, and ApiKey hashed.</summary>
    public static IReadOnlyList<byte[]> HashesOf(IntegratorOptions integrator)
    {
        var hashes = new List<byte[]>();
        if (!string.IsNullOrEmpty(integrator.ApiKeySha256))
        {
            hashes.Add(Convert.FromHexString(integrator.ApiKeySha256));
        }

        hashes.AddRange((integrator.ApiKeysSha256 ?? []).Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => Convert.FromHexString(h.Trim())));
        if (!string.IsNullOrEmpty(integrator.ApiKey))
        {
            hashes.Add(Hash(integrator.ApiKey));
        }

        return hashes;
    }

    /// <summary>The integrator a key belongs to, or null.</summary>
    public IntegratorIdentity? Authenticate(string? presentedKey) => Authenticate(presentedKey, out _);

    /// <summary>
    /// The integrator a key belongs to, or null; <paramref name="bucket"/> names the key's rate-limit bucket (the
    /// integrator and the first 8 bytes of the key's SHA-256 digest in hex: it tells nothing of the key).
    /// </summary>
    public IntegratorIdentity? Authenticate(string? presentedKey, out string bucket)
    {
        bucket = "";
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var hash = Hash(presentedKey);
        IntegratorIdentity? found = null;
        foreach (var (known, identity, keyBucket) in keys)
        {
            // Every key is compared, in fixed time, so timing does not tell how many keys there are or which matched.
            if (CryptographicOperations.FixedTimeEquals(known, hash))
            {
                found = identity;
                bucket = keyBucket;
            }
        }

        return found;
    }
}
