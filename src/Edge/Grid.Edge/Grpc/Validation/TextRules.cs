using System.Buffers;
using Google.Protobuf.WellKnownTypes;

namespace Grid.Edge.Grpc.Validation;

/// <summary>Rules every string and timestamp of a request follows, whatever the field.</summary>
public static class TextRules
{
    // C0 and C1 control characters except tab, LF and CR, and every surrogate (checked in pairs below).
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x7F, 0x9F - 0x7F + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0xD800, 0xDFFF - 0xD800 + 1).Select(c => (char)c)));

    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>
    /// An error when <paramref name="value"/> is empty or whitespace (with <paramref name="what"/> saying what the field
    /// holds) or longer than <paramref name="maxLength"/> characters; otherwise null.
    /// </summary>
    public static ValidationError? Require(string value, string field, int maxLength, string? what = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new(field, what is null ? $"{field} is required" : $"{field} is required: {what}");
        }

        return MaxLength(value, field, maxLength);
    }

    /// <summary>An error when <paramref name="value"/> is longer than <paramref name="maxLength"/> characters; otherwise null.</summary>
    public static ValidationError? MaxLength(string value, string field, int maxLength) =>
        value.Length > maxLength ? new(field, $"{field} is {value.Length} characters; the limit is {maxLength}") : null;

    /// <summary>
    /// An error when <paramref name="value"/> holds a control character (U+0000–U+001F, U+007F–U+009F; tab, CR and LF
    /// are allowed) or a lone surrogate (text that is not valid UTF-16 and would not round-trip as UTF-8); otherwise null.
    /// Positions are zero-based UTF-16 indexes. <paramref name="label"/> is how the message names the field
    /// (the field's name unless given).
    /// </summary>
    public static ValidationError? Characters(string value, string field, string? label = null)
    {
        var start = value.AsSpan().IndexOfAny(Suspicious);
        if (start < 0)
        {
            return null;
        }

        label ??= field;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return new(field, $"{label} contains a lone surrogate (U+{(int)c:X4}) at position {i}: it is not valid Unicode and cannot be stored as UTF-8; send well-formed text");
            }
            else if (Suspicious.Contains(c))
            {
                return new(field, $"{label} contains a control character (U+{(int)c:X4}) at position {i}; remove it");
            }
        }

        return null;
    }

    /// <summary>
    /// An error when a timestamp is set but outside what a <see cref="DateTimeOffset"/> holds (0001-01-01 to 9999-12-31,
    /// nanos from 0 to 999,999,999), which <see cref="Timestamp.ToDateTimeOffset"/> would throw on; otherwise null.
    /// </summary>
    public static ValidationError? Time(Timestamp? value, string field) =>
        value is null || (value.Seconds is >= MinSeconds and <= MaxSeconds && value.Nanos is >= 0 and <= 999_999_999)
            ? null
            : new(field, $"{field} is not a valid timestamp: seconds from 0001-01-01 to 9999-12-31 (UTC) and nanos from 0 to 999999999");
}
