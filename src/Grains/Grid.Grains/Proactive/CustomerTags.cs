using System.Text.RegularExpressions;

namespace Grid.Proactive;

/// <summary>
/// Customer tags as the audience index holds them: "key=value" (a key holds one value per customer) or a bare "key".
/// Keys and values are compared in lower case; a key is letters, digits, '.', '_', ':' or '-' (at most 64), a value
/// any of those too (at most 64).
/// </summary>
internal static partial class CustomerTags
{
    public const int MaxLength = 64;

    public const string Rule = "key=value or key, with letters, digits, '.', '_', ':' or '-' (at most 64 each), e.g. \"building=12\"";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Part();

    /// <summary>The tag's key and value (empty for a bare key), in lower case; null when it is not a tag.</summary>
    public static (string Key, string Value)? TryParse(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var text = tag.Trim();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? text : text[..equals];
        var value = equals < 0 ? "" : text[(equals + 1)..];
        if (!Part().IsMatch(key) || (equals >= 0 && !Part().IsMatch(value)))
        {
            return null;
        }

        return (key.ToLowerInvariant(), value.ToLowerInvariant());
    }

    /// <summary>
    /// The index rows of a directory record's tags: those that are tags by <see cref="Rule"/> (other free-form labels stay
    /// in the record only); a key given twice keeps its last value.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Index(IEnumerable<string> tags)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (TryParse(tag) is { } parsed)
            {
                rows[parsed.Key] = parsed.Value;
            }
        }

        return rows;
    }

    public static string Format(string key, string value) => value.Length == 0 ? key : key + "=" + value;
}
