namespace Grid.Bot;

/// <summary>
/// A message after <see cref="TextNormalizer"/>: lowercase words without accents, SMS spellings and contractions
/// expanded, in clauses (split at punctuation and at "mais"/"but"…).
/// </summary>
internal sealed record NormalizedText(string Language, IReadOnlyList<IReadOnlyList<string>> Clauses)
{
    /// <summary>Every token, clause after clause.</summary>
    public IEnumerable<string> Tokens => Clauses.SelectMany(c => c);

    /// <summary>The tokens as one text for the analysis chain, clauses separated by full stops.</summary>
    public string Text => string.Join(" . ", Clauses.Select(c => string.Join(' ', c)));
}
