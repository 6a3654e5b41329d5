using System.Text.RegularExpressions;

namespace Grid.CustomerDirectory;

/// <summary>The rules every imported value follows (text, numbers, phones, codes) and the refusals.</summary>
internal static partial class DirectoryDocument
{
    private static string? Text(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= max && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw Invalid($"{field}: at most {max} characters, without control characters");
    }

    private static string Reference(string value, string field)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 64 || !trimmed.Any(char.IsAsciiLetterOrDigit) || trimmed.Any(char.IsControl))
        {
            throw Invalid($"{field}: '{Shorten(value)}' is not a number; at most 64 characters with letters or digits, e.g. \"INV-2026-00123\"");
        }

        return trimmed.ToUpperInvariant();
    }

    /// <summary>A phone in E.164: international as given (+ or 00), or national with the customer's country.</summary>
    private static string Phone(string value, string? country, string field)
    {
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        var trimmed = value.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')' or '/')))
        {
            throw Invalid($"{field}: '{Shorten(value)}' is not a phone number; write it in international form, e.g. \"+33 3 83 41 22 10\"");
        }

        string e164;
        if (trimmed.StartsWith('+'))
        {
            e164 = "+" + digits;
        }
        else if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            e164 = "+" + digits[2..];
        }
        else if (country is not null && CallingCodes.TryGetValue(country[..2], out var code) && (digits.StartsWith('0') || code == "1"))
        {
            e164 = "+" + code + (code == "1" ? digits.TrimStart('1') : digits[1..]);
        }
        else
        {
            throw Invalid($"{field}: '{Shorten(value)}' is a national number: write it in international form (\"+33 …\") or give the customer's country ({string.Join(", ", CallingCodes.Keys)})");
        }

        return e164.Length - 1 is >= 6 and <= 15 ? e164 : throw Invalid($"{field}: '{Shorten(value)}' has {e164.Length - 1} digits; a phone number has 6 to 15");
    }

    private static readonly Dictionary<string, string> CallingCodes = new(StringComparer.Ordinal)
    {
        ["FR"] = "33", ["BE"] = "32", ["CH"] = "41", ["LU"] = "352", ["GB"] = "44", ["IE"] = "353", ["DE"] = "49", ["ES"] = "34",
        ["IT"] = "39", ["NL"] = "31", ["PT"] = "351", ["MC"] = "377", ["CA"] = "1", ["US"] = "1",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static DirectoryRuleException Invalid(string message) => new(DirectoryRuleException.Invalid, message);

    private static DirectoryRuleException Limit(string message) => new(DirectoryRuleException.LimitReached, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex DomainName();
}
