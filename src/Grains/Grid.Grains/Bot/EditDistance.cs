namespace Grid.Bot;

/// <summary>Whether two words are at most one or two typos apart: a letter added, removed, replaced, or two neighbours swapped.</summary>
internal static class EditDistance
{
    /// <summary>
    /// Whether two words are at most two typos apart ("concieller" for "conseiller": a letter replaced and two swapped),
    /// the optimal-string-alignment distance, computed on two rows and left as soon as every cell is over two.
    /// </summary>
    public static bool AtMostTwo(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return false;
        }

        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var least = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var distance = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    distance = Math.Min(distance, before[j - 2] + 1);
                }

                current[j] = distance;
                least = Math.Min(least, distance);
            }

            if (least > 2)
            {
                return false;
            }

            (before, previous, current) = (previous, current, before);
        }

        return previous[b.Length] <= 2;
    }

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
