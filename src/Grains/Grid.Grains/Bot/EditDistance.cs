namespace Grid.Bot;

/// <summary>Whether two words are at most one typo apart: one letter added, removed, replaced, or two neighbours swapped.</summary>
internal static class EditDistance
{
    public static bool AtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (prefix == a.Length && prefix == b.Length)
        {
            return true;
        }

        if (a.Length == b.Length)
        {
            // one replacement, or one swap of neighbours
            return a.AsSpan(prefix + 1).SequenceEqual(b.AsSpan(prefix + 1))
                || (prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
                    && a.AsSpan(prefix + 2).SequenceEqual(b.AsSpan(prefix + 2)));
        }

        // one letter more in the longer word
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(prefix + 1).SequenceEqual(shorter.AsSpan(prefix));
    }
}
