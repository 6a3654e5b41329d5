using System.Security.Cryptography;
using Grid.Edge.Auth;

namespace Grid.Silo;

/// <summary>
/// <c>keys create --integrator NAME [--index N]</c>: a new API key (32 random bytes, base64url, prefixed "grid_"),
/// printed once on standard output with the configuration line that holds only its SHA-256. Grid never stores the key:
/// hand it to the integrator, put the line in the configuration; rotation adds the new digest under ApiKeysSha256
/// beside the old key, and removes the old one once the integrator has moved.
/// </summary>
internal static class KeysCommand
{
    public static int Run(IReadOnlyDictionary<string, string> flags)
    {
        var integrator = flags.GetValueOrDefault("integrator", "");
        if (!TenantId.IsValid(integrator) || !int.TryParse(flags.GetValueOrDefault("index", "0"), out var index) || index is < 0 or > 99)
        {
            Console.Error.WriteLine("usage: keys create --integrator <name> [--index <0-99>]   (the name is a lowercase slug, [a-z0-9._-])");
            return 2;
        }

        var key = "grid_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var digest = Convert.ToHexStringLower(ApiKeyAuthenticator.Hash(key));
        Console.WriteLine($"API key (shown once; give it to the integrator, Grid keeps only its digest): {key}");
        Console.WriteLine("Configuration (environment variable; a name with '-' or '.' needs a file or env as shown):");
        Console.WriteLine($"Grid__Integrators__{integrator}__ApiKeysSha256__{index}={digest}");
        return 0;
    }
}
