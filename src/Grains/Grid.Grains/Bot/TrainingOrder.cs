namespace Grid.Bot;

/// <summary>
/// The order in which a model trained by stochastic gradient descent (<see cref="HumanRequestModel"/>) sees its
/// messages: each epoch orders them by a stable key of each message's text and language mixed with the epoch. Taking a
/// message out of the training leaves the others in the same order. A seeded shuffle of positions reordered every
/// message after the one taken out, and four texts out moved every probability by 0.009 on average, enough to move the
/// bars' counts by dozens of messages; ordered by text, by 0.00015 (docs/bot-evaluation.md, "Twenty-fourth round").
/// </summary>
internal static class TrainingOrder
{
    /// <summary>
    /// Puts <paramref name="order"/> (positions in the training) in one epoch's order: by the messages' keys mixed with
    /// the epoch, or by <paramref name="shuffle"/> when one is given (the order before the twenty-fourth round).
    /// </summary>
    public static void Arrange(int[] order, ulong[] keys, int epoch, Random? shuffle)
    {
        if (shuffle is not null)
        {
            shuffle.Shuffle(order);
            return;
        }

        var seed = (ulong)epoch;
        Array.Sort(order, (x, y) => Place(keys[x], seed).CompareTo(Place(keys[y], seed)) is var c && c != 0 ? c : x.CompareTo(y));
    }

    /// <summary>A stable key of one training message: FNV-1a over its language, a separator and its text.</summary>
    public static ulong Key(string text, string language)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in language + "\u0001" + text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A message's place in one epoch's order: its key mixed with the epoch (SplitMix64's finaliser).</summary>
    public static ulong Place(ulong key, ulong epoch)
    {
        var z = key + ((epoch + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
