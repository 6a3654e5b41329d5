using System.Text.RegularExpressions;
using Grid.Bot;

namespace Grid.Conversations;

/// <summary>
/// Reads a customer's answer to the satisfaction question, French or English: a digit from 1 to 5 ("4", "4/5",
/// "5 étoiles", "je mets 2, c'était long") or words ("très satisfait", "pas du tout satisfait", "excellent",
/// "not happy", "terrible"); what else the customer wrote is the comment. Anything that is not an answer (a new
/// question) returns null: the conversation then reopens as usual.
/// </summary>
internal static partial class CsatAnswer
{
    public static (int Rating, string? Comment)? Parse(string text)
    {
        var folded = TextNormalizer.Fold(text).Trim();
        if (folded.Length == 0 || folded.Length > 500)
        {
            return null;
        }

        var digit = Rating().Match(folded);
        if (digit.Success)
        {
            var rest = Rating().Replace(folded, " ", 1).Trim(' ', ',', '.', '!', '-', ':');
            return (digit.Groups[1].Value[0] - '0', rest.Length == 0 ? null : text.Trim());
        }

        foreach (var (phrase, rating) in Phrases)
        {
            if (Regex.IsMatch(folded, $@"(^|\W){Regex.Escape(phrase)}($|\W)", RegexOptions.CultureInvariant))
            {
                // A short answer only: a long message that happens to say "bien" is not a rating.
                return folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12 ? (rating, text.Trim()) : null;
            }
        }

        return null;
    }

    /// <summary>Longest first, so "pas du tout satisfait" is found before "satisfait".</summary>
    private static readonly (string Phrase, int Rating)[] Phrases =
    [
        ("pas du tout satisfait", 1), ("pas du tout satisfaite", 1), ("not at all satisfied", 1), ("very unsatisfied", 1), ("very dissatisfied", 1),
        ("tres satisfait", 5), ("tres satisfaite", 5), ("very satisfied", 5), ("very happy", 5),
        ("pas satisfait", 2), ("pas satisfaite", 2), ("pas content", 2), ("pas contente", 2), ("not satisfied", 2), ("not happy", 2), ("unsatisfied", 2), ("dissatisfied", 2),
        ("satisfait", 4), ("satisfaite", 4), ("content", 4), ("contente", 4), ("satisfied", 4), ("happy", 4),
        ("excellent", 5), ("parfait", 5), ("parfaite", 5), ("super", 5), ("genial", 5), ("perfect", 5), ("great", 5), ("brilliant", 5), ("top", 5),
        ("bien", 4), ("good", 4),
        ("moyen", 3), ("bof", 3), ("correct", 3), ("average", 3), ("so so", 3), ("okay", 3), ("ok", 3),
        ("decu", 2), ("decue", 2), ("mauvais", 2), ("poor", 2), ("bad", 2), ("disappointed", 2),
        ("nul", 1), ("nulle", 1), ("horrible", 1), ("catastrophique", 1), ("terrible", 1), ("awful", 1), ("useless", 1),
    ];

    /// <summary>A lone digit 1–5, maybe "/5", "sur 5", "étoiles", "stars".</summary>
    [GeneratedRegex(@"(?<!\d|\d[,.])\b([1-5])\b(?!\d|[,.]\d)(\s*(/\s*5|sur\s*5|out of\s*5|etoiles?|stars?))?", RegexOptions.CultureInvariant)]
    private static partial Regex Rating();
}
