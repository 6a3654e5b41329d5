using System.Text.RegularExpressions;

namespace Grid.Triage;

/// <summary>
/// The baseline the issue names: a multinomial naive Bayes on raw word counts (lower-cased <c>\w+</c> tokens, no other
/// preparation), Laplace smoothing. The same as <c>check_data.py --baseline</c>, so its numbers can be compared.
/// </summary>
internal sealed partial class NaiveBayesBaseline
{
    private readonly Dictionary<string, double> logPrior = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> totals = new(StringComparer.Ordinal);
    private readonly int vocabulary;

    public NaiveBayesBaseline(IReadOnlyList<TriageExample> training)
    {
        var vocab = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in training.GroupBy(e => e.Category, StringComparer.Ordinal))
        {
            logPrior[group.Key] = Math.Log((double)group.Count() / training.Count);
            var words = counts[group.Key] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in group.SelectMany(e => Tokens(e.Text)))
            {
                words[word] = words.GetValueOrDefault(word) + 1;
                totals[group.Key] = totals.GetValueOrDefault(group.Key) + 1;
                vocab.Add(word);
            }
        }

        vocabulary = vocab.Count;
    }

    public string Predict(string text)
    {
        var tokens = Tokens(text).ToList();
        return logPrior.Keys.Order(StringComparer.Ordinal).MaxBy(category =>
        {
            var words = counts[category];
            var denominator = Math.Log(totals.GetValueOrDefault(category) + vocabulary);
            return logPrior[category] + tokens.Sum(t => Math.Log(words.GetValueOrDefault(t) + 1) - denominator);
        })!;
    }

    private static IEnumerable<string> Tokens(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
