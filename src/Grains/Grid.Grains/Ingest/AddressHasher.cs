using System.Security.Cryptography;
using System.Text;
using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Ingest;

/// <summary>
/// Turns customers' normalised addresses into keyed hashes for identity grain keys, so that keys hold no personal
/// data and cannot be reversed by hashing every phone number. Lives with the grains: edges never see the key.
/// </summary>
internal sealed class AddressHasher
{
    private readonly byte[] key;

    public AddressHasher(IOptions<GridRuntimeOptions> options)
    {
        var configured = options.Value.Identity.HashKey;
        if (string.IsNullOrEmpty(configured))
        {
            throw new InvalidOperationException("Grid:Identity:HashKey is not configured (base64, at least 32 bytes; the same on every silo).");
        }

        key = Convert.FromBase64String(configured);
    }

    /// <summary>The keyed hash of a normalised address within a tenant (hex, 32 characters).</summary>
    public string Hash(string tenant, AddressKind kind, string normalized)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}\n{kind}\n{normalized}"));
        return Convert.ToHexStringLower(mac, 0, 16);
    }

    /// <summary>The identity grain key of an address.</summary>
    public string IdentityKey(string tenant, Channel channel, string normalized)
    {
        var kind = Addresses.KindOf(channel);
        return GridKeys.Identity(tenant, kind, Hash(tenant, kind, normalized));
    }
}
