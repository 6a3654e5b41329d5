namespace Grid.Sentiment;

/// <summary>
/// Scores the sentiment of a customer message in French or English with a lexicon model in the VADER style
/// (Hutto &amp; Gilbert, 2014): each cue of the language's lexicon (<c>Sentiment/Data/sentiment-*.tsv</c>: words,
/// expressions, emojis, emoticons) contributes its weight, adjusted by the words around it —
/// <list type="bullet">
/// <item>a negator up to <see cref="Window"/> words before flips and dampens it ("pas content", "not happy"; French
/// "ne … pas" after the verb too: "je n'aime pas"), more so with "du tout" / "at all";</item>
/// <item>boosters and diminishers before it add or take <see cref="SentimentRules.Boost"/> ("très", "so", "un peu");</item>
/// <item>ALL-CAPS and stretched words ("NUUUL") amplify it;</item>
/// <item>a contrast ("mais", "but") halves what comes before and weighs what follows by 1.5;</item>
/// <item>politeness ("merci", "cordialement", "regards") counts for nothing in an otherwise negative message and for
/// at most <see cref="CourtesyCap"/> otherwise, so it never turns an angry message positive nor a plain question
/// positive.</item>
/// </list>
/// Runs of "!" and "?" amplify the sum, which is normalised to [-1, 1] by x / sqrt(x² + 15). Messages are folded
/// (case, accents, SMS spellings, elisions) before lookup. Immutable after construction, so thread-safe; no I/O after
/// construction.
/// </summary>
internal sealed class SentimentScorer
{
    /// <summary>A message at or below this value is negative.</summary>
    public const double NegativeThreshold = -0.35;

    /// <summary>A message at or above this value is positive.</summary>
    public const double PositiveThreshold = 0.35;

    /// <summary>How many words before a cue a negator or a booster acts.</summary>
    public const int Window = 3;

    /// <summary>The most that politeness formulas add to a message that is not negative.</summary>
    public const double CourtesyCap = 1.0;

    private const double NegationScalar = -0.74;
    private const double NegationIntensity = 1.3;
    private const double CapsBoost = 0.733;
    private const double ElongationBoost = 0.3;
    private const double ExclamationBoost = 0.292;
    private const int MaxExclamations = 4;
    private const double QuestionBoost = 0.18;
    private const double MaxQuestionBoost = 0.96;
    private const double BeforeContrast = 0.5;
    private const double AfterContrast = 1.5;
    private const double Alpha = 15;
    private static readonly double[] Decay = [1.0, 1.0, 0.95, 0.9];

    private static readonly Lazy<SentimentScorer> SharedScorer = new(() => new SentimentScorer());

    private readonly Model french;
    private readonly Model english;
    private readonly Model both;

    /// <summary>The scorer with the lexicons shipped in <c>Sentiment/Data</c>.</summary>
    public SentimentScorer()
        : this(SentimentData.Resource("sentiment-fr.tsv"), SentimentData.Resource("sentiment-en.tsv"))
    {
    }

    public SentimentScorer(string frenchLexicon, string englishLexicon)
    {
        french = new Model(SentimentRules.French, SentimentLexicon.Parse([(frenchLexicon, SentimentRules.French)], SentimentRules.French));
        english = new Model(SentimentRules.English, SentimentLexicon.Parse([(englishLexicon, SentimentRules.English)], SentimentRules.English));
        both = new Model(
            SentimentRules.Both,
            SentimentLexicon.Parse([(frenchLexicon, SentimentRules.French), (englishLexicon, SentimentRules.English)], SentimentRules.Both));
    }

    /// <summary>One scorer for the process, built on first use.</summary>
    public static SentimentScorer Shared => SharedScorer.Value;

    /// <summary>The number of words and expressions in the French lexicon.</summary>
    public int FrenchEntries => french.Lexicon.Count;

    /// <summary>The number of words and expressions in the English lexicon.</summary>
    public int EnglishEntries => english.Lexicon.Count;

    /// <summary>
    /// The sentiment of <paramref name="text"/>, in "fr" or "en" (any other value reads both languages' lexicons).
    /// </summary>
    public SentimentScore Score(string text, string language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SentimentScore.None;
        }

        var model = language switch { "fr" => french, "en" => english, _ => both };
        var tokenized = model.Tokenizer.Tokenize(text);
        var tokens = tokenized.Tokens;
        var sum = 0.0;
        var evidence = 0;
        var courtesy = 0.0;
        var courtesyCount = 0;
        var negative = false;
        for (var i = 0; i < tokens.Count;)
        {
            if (!model.Lexicon.TryMatch(tokens, i, out var length, out var entry))
            {
                i++;
                continue;
            }

            if (entry.Weight == 0)
            {
                i += length;
                continue;
            }

            if (length == 1 && IsBoosterOfNext(model, tokens, i))
            {
                // "super efficace", "so bad": the word boosts the next cue rather than being one.
                i++;
                continue;
            }

            var valence = Valence(model, tokenized, i, length, entry);
            if (entry.Courtesy)
            {
                courtesy += valence;
                courtesyCount++;
            }
            else
            {
                sum += valence;
                evidence++;
                negative |= valence < 0;
            }

            i += length;
        }

        if (!negative && courtesyCount > 0)
        {
            sum += Math.Min(courtesy, CourtesyCap);
            evidence += courtesyCount;
        }

        if (evidence == 0 || sum == 0)
        {
            return new SentimentScore(0, evidence);
        }

        var emphasis = Math.Min(tokenized.Exclamations, MaxExclamations) * ExclamationBoost
            + (tokenized.Questions > 1 ? Math.Min(tokenized.Questions * QuestionBoost, MaxQuestionBoost) : 0);
        sum += Math.Sign(sum) * emphasis;
        var value = Math.Clamp(sum / Math.Sqrt(sum * sum + Alpha), -1, 1);
        return new SentimentScore(value, evidence);
    }

    private static double Valence(Model model, SentimentTokens tokenized, int start, int length, SentimentLexicon.Entry entry)
    {
        var tokens = tokenized.Tokens;
        var valence = entry.Weight;
        var sign = Math.Sign(valence);
        var clause = tokens[start].Clause;
        if (!entry.Courtesy)
        {
            var caps = false;
            var elongated = false;
            for (var k = start; k < start + length; k++)
            {
                caps |= tokens[k].Caps;
                elongated |= tokens[k].Elongated;
            }

            valence += sign * ((caps ? CapsBoost : 0) + (elongated ? ElongationBoost : 0));
            for (var d = 1; d <= Window && start - d >= 0 && tokens[start - d].Clause == clause; d++)
            {
                valence += sign * BoosterAt(model.Rules, tokens, start - d) * Decay[d];
            }

            if (IsNegated(model.Rules, tokens, start, length))
            {
                valence *= NegationScalar * (HasNegationIntensifier(model.Rules, tokens, clause) ? NegationIntensity : 1);
            }
        }

        if (tokenized.ContrastAt >= 0)
        {
            valence *= start < tokenized.ContrastAt ? BeforeContrast : AfterContrast;
        }

        return valence;
    }

    private static double BoosterAt(SentimentRules rules, List<SentimentToken> tokens, int j)
    {
        var word = tokens[j].Text;
        if (rules.BoosterPairTails.Contains(word) && j > 0 && tokens[j - 1].Clause == tokens[j].Clause
            && rules.Boosters.TryGetValue($"{tokens[j - 1].Text} {word}", out var pair))
        {
            return pair;
        }

        return rules.Boosters.TryGetValue(word, out var single) ? single : 0;
    }

    private static bool IsNegated(SentimentRules rules, List<SentimentToken> tokens, int start, int length)
    {
        var clause = tokens[start].Clause;
        for (var d = 1; d <= Window && start - d >= 0 && tokens[start - d].Clause == clause; d++)
        {
            var j = start - d;
            var word = tokens[j].Text;
            if (!rules.Negators.Contains(word))
            {
                continue;
            }

            if (!SentimentRules.IsConditionalNegator(word))
            {
                return true;
            }

            if (word == "plus" ? HasNeBefore(tokens, j) : j == 0 || tokens[j - 1].Text != "un" || tokens[j - 1].Clause != clause)
            {
                return true;
            }
        }

        // French "ne … pas" after the verb: "je n'aime pas", "ça ne me plaît plus".
        var after = start + length;
        return after < tokens.Count && tokens[after].Clause == clause && SentimentRules.IsPostNegator(tokens[after].Text)
            && rules.Negators.Contains("pas") && HasNeBefore(tokens, start);
    }

    private static bool HasNeBefore(List<SentimentToken> tokens, int index)
    {
        var clause = tokens[index].Clause;
        for (var d = 1; d <= Window && index - d >= 0 && tokens[index - d].Clause == clause; d++)
        {
            if (SentimentRules.IsNe(tokens[index - d].Text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasNegationIntensifier(SentimentRules rules, List<SentimentToken> tokens, int clause)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Clause != clause)
            {
                continue;
            }

            if (rules.NegationIntensifiers.Contains(tokens[k].Text)
                || (k + 1 < tokens.Count && tokens[k + 1].Clause == clause && rules.NegationIntensifiers.Contains($"{tokens[k].Text} {tokens[k + 1].Text}")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBoosterOfNext(Model model, List<SentimentToken> tokens, int i) =>
        model.Rules.Boosters.TryGetValue(tokens[i].Text, out var boost) && boost > 0
        && i + 1 < tokens.Count && tokens[i + 1].Clause == tokens[i].Clause
        && model.Lexicon.TryMatch(tokens, i + 1, out _, out var next) && next.Weight != 0 && !next.Courtesy;

    private sealed class Model(SentimentRules rules, SentimentLexicon lexicon)
    {
        public SentimentRules Rules { get; } = rules;

        public SentimentLexicon Lexicon { get; } = lexicon;

        public SentimentTokenizer Tokenizer { get; } = new(rules, lexicon.Emoticons);
    }
}
