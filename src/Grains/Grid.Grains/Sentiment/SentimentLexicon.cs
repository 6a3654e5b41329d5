using System.Collections.Frozen;
using System.Globalization;

namespace Grid.Sentiment;

/// <summary>
/// A weighted sentiment lexicon (<c>word&lt;TAB&gt;weight</c>, weights -4..+4, "#" comments) as a trie of lexicon
/// forms, so that expressions ("ras le bol", "fed up", "60 millions") are matched longest first. Entries are cut by
/// the same <see cref="SentimentTokenizer"/> as the messages. A weight of 0 marks a neutral expression that masks
/// the cues inside it ("pas mal de"). Immutable once built.
/// </summary>
internal sealed class SentimentLexicon
{
    private readonly FrozenDictionary<string, Entry> root;

    private SentimentLexicon(FrozenDictionary<string, Entry> root, int count, IReadOnlyList<string> emoticons)
    {
        this.root = root;
        Count = count;
        Emoticons = emoticons;
    }

    /// <summary>The number of words and expressions.</summary>
    public int Count { get; }

    /// <summary>The emoticons of the lexicon (":(", "&lt;3"), which the tokenizer must recognise.</summary>
    public IReadOnlyList<string> Emoticons { get; }

    /// <summary>
    /// Builds a lexicon from one or more TSV files, each cut with its own language's rules. A form listed twice in
    /// one file is an error; a form found in two files (a lexicon for both languages) keeps the weaker weight.
    /// </summary>
    public static SentimentLexicon Parse(IReadOnlyList<(string Tsv, SentimentRules Rules)> sources, SentimentRules courtesyRules)
    {
        var parsed = sources.Select(s => (Lines: ReadLines(s.Tsv), s.Rules)).ToList();
        var emoticons = parsed.SelectMany(p => p.Lines).Select(l => l.Text).Where(SentimentTokenizer.IsEmoticon)
            .Distinct(StringComparer.Ordinal).ToList();
        var root = new Builder();
        var count = 0;
        var problems = new List<string>();
        foreach (var (lines, rules) in parsed)
        {
            var tokenizer = new SentimentTokenizer(rules, emoticons);
            var seen = new HashSet<Builder>();
            foreach (var (text, weight, lineNumber) in lines)
            {
                var node = Walk(root, tokenizer, text, create: true);
                if (node is null)
                {
                    problems.Add($"line {lineNumber}: '{text}' has no words or spans clauses");
                    continue;
                }

                if (!seen.Add(node))
                {
                    problems.Add($"line {lineNumber}: '{text}' is listed twice (after folding)");
                    continue;
                }

                if (!node.IsEntry)
                {
                    count++;
                    node.IsEntry = true;
                    node.Weight = weight;
                }
                else if (Math.Abs(weight) < Math.Abs(node.Weight))
                {
                    node.Weight = weight;
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Sentiment lexicon: {string.Join("; ", problems)}.");
        }

        var courtesyTokenizer = new SentimentTokenizer(courtesyRules, emoticons);
        foreach (var phrase in courtesyRules.Courtesy)
        {
            if (Walk(root, courtesyTokenizer, phrase, create: false) is { IsEntry: true } node)
            {
                node.Courtesy = true;
            }
        }

        return new SentimentLexicon(root.Freeze(), count, emoticons);
    }

    /// <summary>The longest entry starting at <paramref name="start"/> within its clause.</summary>
    public bool TryMatch(List<SentimentToken> tokens, int start, out int length, out Entry entry)
    {
        length = 0;
        entry = null!;
        var children = root;
        var clause = tokens[start].Clause;
        for (var k = start; k < tokens.Count && tokens[k].Clause == clause; k++)
        {
            var token = tokens[k];
            if (!children.TryGetValue(token.Key, out var next) && (token.AltKey is null || !children.TryGetValue(token.AltKey, out next)))
            {
                break;
            }

            if (next.IsEntry)
            {
                length = k - start + 1;
                entry = next;
            }

            if (next.Children is null)
            {
                break;
            }

            children = next.Children;
        }

        return length > 0;
    }

    private static List<(string Text, double Weight, int Line)> ReadLines(string tsv)
    {
        var lines = new List<(string, double, int)>();
        var number = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[0].Trim().Length == 0
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || weight is < -4 or > 4)
            {
                throw new InvalidDataException($"Sentiment lexicon line {number}: expected 'word<TAB>weight' with a weight in [-4, 4]: '{line}'.");
            }

            lines.Add((parts[0].Trim(), weight, number));
        }

        return lines;
    }

    private static Builder? Walk(Builder root, SentimentTokenizer tokenizer, string text, bool create)
    {
        var tokens = tokenizer.Tokenize(text).Tokens;
        if (tokens.Count == 0 || tokens.Any(t => t.Clause != tokens[0].Clause))
        {
            return null;
        }

        var node = root;
        foreach (var token in tokens)
        {
            if (!node.Children.TryGetValue(token.Key, out var next))
            {
                if (!create)
                {
                    return null;
                }

                next = new Builder();
                node.Children.Add(token.Key, next);
            }

            node = next;
        }

        return node;
    }

    /// <summary>A node of the trie: an entry when <see cref="IsEntry"/>, with the words that may follow.</summary>
    internal sealed class Entry(double weight, bool isEntry, bool courtesy, FrozenDictionary<string, Entry>? children)
    {
        public double Weight { get; } = weight;

        public bool IsEntry { get; } = isEntry;

        /// <summary>A politeness formula ("merci", "regards"): ignored in a negative message.</summary>
        public bool Courtesy { get; } = courtesy;

        public FrozenDictionary<string, Entry>? Children { get; } = children;
    }

    private sealed class Builder
    {
        public Dictionary<string, Builder> Children { get; } = new(StringComparer.Ordinal);

        public double Weight { get; set; }

        public bool IsEntry { get; set; }

        public bool Courtesy { get; set; }

        public FrozenDictionary<string, Entry> Freeze() =>
            Children.ToFrozenDictionary(
                c => c.Key,
                c => new Entry(c.Value.Weight, c.Value.IsEntry, c.Value.Courtesy, c.Value.Children.Count > 0 ? c.Value.Freeze() : null),
                StringComparer.Ordinal);
    }
}
