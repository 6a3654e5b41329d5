using System.Globalization;
using System.Text;

namespace Grid.Bot;

/// <summary>
/// Turns a customer's message into the words it means, before any analysis: lowercase, accents folded, apostrophes
/// and hyphens split ("j'ai" → "j ai", "rappelez-moi" → "rappelez moi"), English contractions expanded ("can't" →
/// "cannot", "I'd" → "i would"), and SMS spellings and abbreviations of the message's language expanded
/// (<see cref="BotLexicon.FrenchSms"/>, <see cref="BotLexicon.EnglishSms"/>: "slt jai pas recu" → "salut j ai pas recu").
/// The same normalisation runs on the knowledge base's phrasings, so both sides meet.
/// </summary>
internal sealed partial class TextNormalizer(bool expandSms = true)
{
    private static readonly HashSet<string> ClauseConjunctions = new(StringComparer.Ordinal) { "mais", "but", "et", "and" };

    public NormalizedText Normalize(string text, string language)
    {
        var folded = Fold(text);
        folded = Elongated().Replace(folded, "$1"); // "passeeeez-moi quelqu'uuuun": no French or English word has a letter three times in a row
        foreach (var (joined, single) in BotLexicon.FrenchJoined)
        {
            folded = folded.Replace(joined, single, StringComparison.Ordinal);
        }

        folded = DictatedConseiller().Replace(folded, "$1 conseiller");

        var english = language == "en";
        var clauses = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var (word, endsClause) in Words(folded))
        {
            if (word.Length > 0)
            {
                foreach (var token in Expand(word, english))
                {
                    if (ClauseConjunctions.Contains(token))
                    {
                        Flush();
                    }
                    else
                    {
                        current.Add(token);
                    }
                }
            }

            if (endsClause)
            {
                Flush();
            }
        }

        Flush();
        return new NormalizedText(language, clauses);

        void Flush()
        {
            if (current.Count > 0)
            {
                clauses.Add(current);
                current = [];
            }
        }
    }

    /// <summary>
    /// "un conseil hier", "un conseil yé": how voice dictation writes "un conseiller" (a determiner before it; "j'ai demandé conseil hier"
    /// has none and stays advice asked for yesterday).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(un|une|au|aux|a|le|la|les|des|votre|vos|mon|ma|mes|son|sa|ses|notre|nos)\s+conseil\s+(?:hier|ier|yer|ye)\b")]
    private static partial System.Text.RegularExpressions.Regex DictatedConseiller();

    [System.Text.RegularExpressions.GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial System.Text.RegularExpressions.Regex Elongated();

    /// <summary>Lowercase, typographic apostrophes made plain, ligatures opened and accents removed ("Œuvre à été" → "oeuvre a ete").</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant()
            .Replace('’', '\'').Replace('‘', '\'').Replace('`', '\'').Replace('´', '\'')
            .Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Words (letters, digits, inner apostrophes, decimal points) and whether a clause ends after each.</summary>
    private static IEnumerable<(string Word, bool EndsClause)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var inWord = char.IsLetterOrDigit(c)
                || (c == '\'' && start >= 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                || (c is '.' or ',' && start >= 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]));
            if (inWord)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            var word = start >= 0 ? text[start..i] : "";
            start = -1;
            var endsClause = c is '.' or '!' or '?' or ';' or ',' or ':' or '\n' or '(' or ')' or '…';
            if (word.Length > 0 || endsClause)
            {
                yield return (word, endsClause);
            }
        }
    }

    /// <summary>
    /// The word's pieces with SMS spellings expanded. A French elided piece ("c" of "c'est", "j" of "j'ai") is a word's
    /// first letters, not the SMS "c" (c'est) or "g" (j'ai): only the last piece of an apostrophe-split French word is read
    /// as SMS, so "c'est" stays "c est" rather than "c est est".
    /// </summary>
    private IEnumerable<string> Expand(string word, bool english)
    {
        var sms = english ? BotLexicon.EnglishSms : BotLexicon.FrenchSms;
        var pieces = SplitApostrophes(word, english);
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            var elided = !english && i < pieces.Length - 1;
            if (expandSms && !elided && sms.TryGetValue(piece, out var expansion))
            {
                foreach (var expanded in expansion.Split([' ', '\'', '-'], StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return expanded;
                }
            }
            else
            {
                yield return piece;
            }
        }
    }

    /// <summary>English contractions expanded ("don't" → "do not"); French elisions split ("j'ai" → "j", "ai").</summary>
    private static string[] SplitApostrophes(string word, bool english)
    {
        if (!word.Contains('\''))
        {
            return [word];
        }

        if (!english)
        {
            return word.Split('\'', StringSplitOptions.RemoveEmptyEntries);
        }

        if (BotLexicon.EnglishIrregularContractions.TryGetValue(word, out var irregular))
        {
            return irregular.Split(' ');
        }

        foreach (var (suffix, expansion) in BotLexicon.EnglishContractions)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length > suffix.Length)
            {
                return (word[..^suffix.Length] + expansion).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return [word.Replace("'", "", StringComparison.Ordinal)];
    }
}
