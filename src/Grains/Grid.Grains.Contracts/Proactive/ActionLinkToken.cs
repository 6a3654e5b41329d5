using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Grid.Proactive;

/// <summary>
/// What an action link's token says: the tenant, the customer it was made for, the incident message whose action it
/// answers, the language of the push, and when it expires.
/// </summary>
public sealed record ActionLinkClaims(string Tenant, string CustomerId, string IncidentId, int MessageNo, string Language, DateTimeOffset ExpiresAt);

/// <summary>
/// An action link's token: <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload))</c> (the MAC cut to 128 bits),
/// the payload a JSON array <c>[1, tenant, customer, incident, messageNo, language, expiresUnixSeconds]</c>. Only the
/// silos hold the key (Grid:Links:SigningKey), so any edge passes a token on and a silo decides; the edge only peeks at
/// its tenant to pick the tenant's grain. A token is never logged.
/// </summary>
public static class ActionLinkToken
{
    /// <summary>The path of the link pages on the edge ("/a/&lt;token&gt;").</summary>
    public const string PathPrefix = "/a/";

    /// <summary>Longer tokens are refused before any work (a real one is about 200 characters).</summary>
    public const int MaxLength = 1024;

    private const int MacBytes = 16;

    private static readonly byte[] Context = "grid-action-link/1\n"u8.ToArray();

    public static string Create(ReadOnlySpan<byte> key, ActionLinkClaims claims)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new object[]
        {
            1, claims.Tenant, claims.CustomerId, claims.IncidentId, claims.MessageNo, claims.Language, claims.ExpiresAt.ToUnixTimeSeconds(),
        });
        var encoded = Base64Url.EncodeToString(payload);
        return encoded + "." + Base64Url.EncodeToString(Mac(key, encoded));
    }

    /// <summary>The claims of a token signed with <paramref name="key"/>, or null for anything else (altered, truncated, other key, malformed).</summary>
    public static ActionLinkClaims? Verify(ReadOnlySpan<byte> key, string token)
    {
        if (Split(token) is not var (encoded, mac) || !Base64Url.IsValid(mac, out var macLength) || macLength != MacBytes)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(key, encoded), Base64Url.DecodeFromChars(mac)) ? Read(encoded) : null;
    }

    /// <summary>The tenant a token claims, unverified (to route it to the tenant's grain, which verifies it), or null when malformed.</summary>
    public static string? PeekTenant(string token) => Split(token) is var (encoded, _) ? Read(encoded)?.Tenant : null;

    private static (string Payload, string Mac)? Split(string token)
    {
        if (token.Length is 0 or > MaxLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0 ? null : (token[..dot], token[(dot + 1)..]);
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, string encoded)
    {
        var data = new byte[Context.Length + Encoding.ASCII.GetByteCount(encoded)];
        Context.CopyTo(data, 0);
        Encoding.ASCII.GetBytes(encoded, data.AsSpan(Context.Length));
        return HMACSHA256.HashData(key, data)[..MacBytes];
    }

    private static ActionLinkClaims? Read(string encoded)
    {
        if (!Base64Url.IsValid(encoded))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            var items = document.RootElement;
            if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() != 7 || items[0].GetInt32() != 1)
            {
                return null;
            }

            return new ActionLinkClaims(Text(items[1]), Text(items[2]), Text(items[3]), items[4].GetInt32(), Text(items[5]),
                DateTimeOffset.FromUnixTimeSeconds(items[6].GetInt64()));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null; // not a payload Grid wrote
        }
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new FormatException("A token's field is not text.");
}
