using System.Security.Cryptography;
using System.Text;

namespace Grid.Proactive;

/// <summary>
/// An incident's id is derived from its dedupe key ("inc_" and 24 hex digits of its SHA-256), so the same alert posted
/// twice names the same incident grain without any lookup, and a dedupe key (which may name a device) is not shown as is.
/// </summary>
public static class IncidentIds
{
    public static string For(string dedupeKey) =>
        "inc_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey)))[..24];

    public static bool IsValid(string? id) =>
        id is { Length: 28 } && id.StartsWith("inc_", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;
}
