namespace Grid.Bot;

/// <summary>
/// A large knowledge base for timing the matcher: copies of a real base's entries under altered ids, each copy's
/// phrasings and answers given a word of its own and a word dropped, so that copies are close but not identical.
/// </summary>
internal static class SyntheticKnowledgeBase
{
    public static IReadOnlyList<KnowledgeEntry> Grow(IReadOnlyList<KnowledgeEntry> seed, int size)
    {
        var entries = new List<KnowledgeEntry>(size);
        for (var copy = 0; entries.Count < size; copy++)
        {
            foreach (var entry in seed)
            {
                if (entries.Count == size)
                {
                    break;
                }

                entries.Add(copy == 0 ? entry : entry with
                {
                    Id = $"{entry.Id}-copy{copy}",
                    Questions = entry.Questions.ToDictionary(
                        p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Select(q => Alter(q, copy))], StringComparer.Ordinal),
                    Answers = entry.Answers.ToDictionary(p => p.Key, p => Alter(p.Value, copy), StringComparer.Ordinal),
                });
            }
        }

        return entries;
    }

    /// <summary>Drops one word (which one depends on the copy) and adds a word of the copy's own ("variant12").</summary>
    private static string Alter(string text, int copy)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 2)
        {
            words.RemoveAt(copy % words.Count);
        }

        words.Insert(copy % (words.Count + 1), $"variant{copy}");
        return string.Join(' ', words);
    }
}
