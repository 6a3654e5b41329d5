using System.Net;
using System.Text.RegularExpressions;
using Grid.Edge.Auth;
using Microsoft.Extensions.Options;

namespace Grid.Edge;

/// <summary>
/// Stops the start when the edge's configuration cannot work, with one message per problem naming the configuration
/// key and saying what it must hold. Secrets are never quoted.
/// </summary>
/// <param name="listenersOnly">Check only the HTTP listener (a silo serving only /metrics and health).</param>
public sealed partial class EdgeOptionsValidator(bool listenersOnly = false) : IValidateOptions<EdgeOptions>
{
    // HMAC-SHA256 JWT signing keys need 256 bits. The address-hash key is not held to it here: identities are keyed
    // on its hashes, so a deployment with a shorter key could not change it without losing every customer's history.
    private const int MinSigningKeyBytes = 32;

    /// <summary>Schemes that would make an agent's desk run or read content rather than fetch it.</summary>
    private static readonly string[] RefusedSchemes = ["javascript", "vbscript", "data", "file"];

    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var problems = (listenersOnly ? ListenerProblems(options) : Problems(options)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Everything wrong with <paramref name="options"/> for an edge, one message per problem.</summary>
    public static IEnumerable<string> Problems(EdgeOptions options) =>
        ListenerProblems(options)
            .Concat(Port(options.Grpc.Port, "Grid:Grpc:Port"))
            .Concat(options.Http.Port == options.Grpc.Port ? [$"Grid:Http:Port and Grid:Grpc:Port must differ (both are {options.Http.Port})"] : [])
            .Concat(Key(options.Auth.SigningKey, "Grid:Auth:SigningKey", MinSigningKeyBytes, "a base64 key of at least 32 bytes that signs agents' JWTs"))
            .Concat(Required(options.Auth.Issuer, "Grid:Auth:Issuer"))
            .Concat(Required(options.Auth.Audience, "Grid:Auth:Audience"))
            .Concat(Integrators(options.Integrators))
            .Concat(Limits(options.Limits))
            .Concat(WebChat.WebChatOptionsValidator.Problems(options));

    /// <summary>What is wrong with the HTTP listener's address and port.</summary>
    public static IEnumerable<string> ListenerProblems(EdgeOptions options) =>
        Port(options.Http.Port, "Grid:Http:Port")
            .Concat(IPAddress.TryParse(options.BindAddress, out _) ? [] : [$"Grid:BindAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (it is '{options.BindAddress}')"]);

    private static IEnumerable<string> Port(int port, string key) =>
        port is >= 1 and <= 65535 ? [] : [$"{key} must be 1-65535 (it is {port})"];

    private static IEnumerable<string> Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? [$"{key} must not be empty"] : [];

    private static IEnumerable<string> Key(string? value, string key, int minBytes, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return $"{key} is not configured: {what}.";
            yield break;
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length))
        {
            yield return $"{key} is not valid base64: {what}.";
        }
        else if (length < minBytes)
        {
            yield return $"{key} is {length} bytes: {what}.";
        }
    }

    private static IEnumerable<string> Integrators(IReadOnlyDictionary<string, IntegratorOptions> integrators)
    {
        var digests = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, integrator) in integrators.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var key = $"Grid:Integrators:{name}";
            if (!TenantId.IsValid(name))
            {
                yield return $"{key}: the integrator name '{name}' is not a lowercase slug ({SlugRule})";
            }

            if (!TenantId.IsValid(integrator.Tenant))
            {
                yield return string.IsNullOrEmpty(integrator.Tenant)
                    ? $"{key}:Tenant is not configured: the tenant the integrator's key acts for, a lowercase slug ({SlugRule})"
                    : $"{key}:Tenant is not a lowercase slug ({SlugRule}): it is '{integrator.Tenant}'";
            }

            for (var i = 0; i < (integrator.Scopes?.Count ?? 0); i++)
            {
                var scope = integrator.Scopes![i]?.Trim() ?? "";
                if (!ApiScopes.IsKnown(scope.ToLowerInvariant()))
                {
                    yield return $"{key}:Scopes:{i} ('{scope}') is not a scope: one of {string.Join(", ", ApiScopes.All)}";
                }
            }

            var given = new List<(string Field, string Digest)>();
            if (!string.IsNullOrEmpty(integrator.ApiKeySha256))
            {
                given.Add(($"{key}:ApiKeySha256", integrator.ApiKeySha256));
            }

            for (var i = 0; i < (integrator.ApiKeysSha256?.Count ?? 0); i++)
            {
                given.Add(($"{key}:ApiKeysSha256:{i}", integrator.ApiKeysSha256![i]?.Trim() ?? ""));
            }

            var malformed = given.FirstOrDefault(g => !Sha256Hex().IsMatch(g.Digest));
            if (malformed.Field is not null)
            {
                yield return $"{malformed.Field} is not a SHA-256 digest: 64 hexadecimal characters";
                continue;
            }

            if (!string.IsNullOrEmpty(integrator.ApiKey))
            {
                given.Add(($"{key}:ApiKey", Convert.ToHexString(ApiKeyAuthenticator.Hash(integrator.ApiKey))));
            }

            if (given.Count == 0)
            {
                yield return $"{key} has no key: set {key}:ApiKeySha256 (the key's SHA-256 as hex; `keys create` makes one), {key}:ApiKeysSha256:0… for several, or, in development, {key}:ApiKey";
                continue;
            }

            foreach (var (_, digest) in given)
            {
                var normalized = digest.ToUpperInvariant();
                if (digests.TryGetValue(normalized, out var other) && other != name)
                {
                    yield return $"Grid:Integrators:{other} and {key} have the same API key: each integrator needs its own";
                }
                else
                {
                    digests[normalized] = name;
                }
            }
        }
    }

    private static IEnumerable<string> Limits(LimitOptions limits)
    {
        if (limits.MaxTextLength < 1)
        {
            yield return $"Grid:Limits:MaxTextLength must be at least 1 (it is {limits.MaxTextLength})";
        }

        if (limits.MaxAttachments < 0)
        {
            yield return $"Grid:Limits:MaxAttachments must be 0 or more (it is {limits.MaxAttachments})";
        }

        if (limits.MaxMetadataEntries < 0)
        {
            yield return $"Grid:Limits:MaxMetadataEntries must be 0 or more (it is {limits.MaxMetadataEntries})";
        }

        for (var i = 0; i < (limits.AttachmentSchemes?.Count ?? 0); i++)
        {
            var scheme = limits.AttachmentSchemes![i].Trim();
            if (!Scheme().IsMatch(scheme))
            {
                yield return $"Grid:Limits:AttachmentSchemes:{i} ('{scheme}') is not a uri scheme: a letter, then letters, digits, '+', '-' or '.' (e.g. https, s3)";
            }
            else if (RefusedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"Grid:Limits:AttachmentSchemes:{i} ('{scheme}') cannot be accepted: {string.Join(", ", RefusedSchemes)} uris run or read content on the agent's machine";
            }
        }
    }

    private const string SlugRule = "[a-z0-9._-], starting with a letter or digit, at most 63 characters";

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]{0,31}$")]
    private static partial Regex Scheme();
}
