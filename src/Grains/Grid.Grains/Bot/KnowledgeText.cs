using System.Buffers;

namespace Grid.Bot;

/// <summary>Rules every string of the knowledge base follows: customers read these texts on every channel.</summary>
internal static class KnowledgeText
{
    // C0 and C1 control characters except tab, LF and CR, and every surrogate (checked in pairs below).
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x7F, 0x9F - 0x7F + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0xD800, 0xDFFF - 0xD800 + 1).Select(c => (char)c)));

    /// <summary>
    /// A problem when <paramref name="value"/> is missing or blank, longer than <paramref name="maxLength"/> characters,
    /// or holds a control character (other than tab, CR, LF) or a lone surrogate; otherwise null.
    /// </summary>
    public static KnowledgeProblem? Check(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return KnowledgeProblem.Invalid(field, $"{field} is empty: give the text, or remove the field");
        }

        if (value.Length > maxLength)
        {
            return KnowledgeProblem.Invalid(field, $"{field} is {value.Length} characters; the limit is {maxLength}");
        }

        return Characters(value, field);
    }

    /// <summary>A problem when <paramref name="value"/> holds a control character (other than tab, CR, LF) or a lone surrogate.</summary>
    public static KnowledgeProblem? Characters(string value, string field)
    {
        var start = value.AsSpan().IndexOfAny(Suspicious);
        for (var i = Math.Max(start, 0); start >= 0 && i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return KnowledgeProblem.Invalid(field, $"{field} contains a lone surrogate (U+{(int)c:X4}) at position {i}: send well-formed text");
            }
            else if (Suspicious.Contains(c))
            {
                return KnowledgeProblem.Invalid(field, $"{field} contains a control character (U+{(int)c:X4}) at position {i}; remove it");
            }
        }

        return null;
    }

    /// <summary>A value quoted in a message: at most 64 characters, control characters replaced.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > 64 ? value[..64] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c));
    }
}
