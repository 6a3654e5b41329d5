namespace Grid.Bot;

/// <summary>
/// A tenant's out-of-scope terms (<see cref="KnowledgeSettings.OutOfScope"/>), matched as whole words without case or
/// accents: "amazon" in "mon colis Amazon n'est pas arrivé", "phone bill" in "my phone bill from X is wrong".
/// </summary>
internal sealed class OutOfScopeTerms(IReadOnlyList<string>? terms)
{
    private readonly string[] folded = [.. (terms ?? []).Select(t => " " + Words(t) + " ").Where(t => t.Trim().Length > 0)];

    public bool Any => folded.Length > 0;

    /// <summary>The first term the text names, or null.</summary>
    public string? Find(string text)
    {
        if (folded.Length == 0)
        {
            return null;
        }

        var words = " " + Words(text) + " ";
        return folded.FirstOrDefault(t => words.Contains(t, StringComparison.Ordinal))?.Trim();
    }

    private static string Words(string text) =>
        string.Join(' ', TextNormalizer.Fold(text).Split(Separators, StringSplitOptions.RemoveEmptyEntries));

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', '.', ';', ':', '!', '?', '\'', '"', '(', ')', '-', '/', '«', '»'];
}
