using System.Globalization;
using System.Text;

namespace Grid.Sentiment;

/// <summary>
/// One word, emoji or emoticon of a message. <see cref="Text"/> is the folded word (lowercase, accents removed,
/// letters repeated three times or more written once: "nuuuul" → "nul") used for the grammar words;
/// <see cref="Key"/> is its lexicon form (<see cref="SentimentTokenizer.Canon"/>), <see cref="AltKey"/> the lexicon
/// form with repeated letters kept twice ("cooool" → "cool"). Tokens of the same <see cref="Clause"/> are not
/// separated by punctuation or a contrast word.
/// </summary>
internal readonly record struct SentimentToken(string Text, string Key, string? AltKey, int Clause, bool Caps, bool Elongated);

/// <summary>A message cut into tokens, with its runs of "!" and "?" and where the clause after a contrast starts.</summary>
internal sealed class SentimentTokens(List<SentimentToken> tokens, int exclamations, int questions, int contrastAt)
{
    public List<SentimentToken> Tokens { get; } = tokens;

    public int Exclamations { get; } = exclamations;

    public int Questions { get; } = questions;

    /// <summary>The index of the first token after the first contrast word ("mais", "but"), or -1.</summary>
    public int ContrastAt { get; } = contrastAt;
}

/// <summary>
/// Cuts a message into the tokens the scorer reads: words folded to lowercase without accents, split at apostrophes
/// and hyphens ("j'en" → "j", "en"; "ras-le-bol" → "ras", "le", "bol"), English "n't" read as "not", SMS spellings of
/// function words expanded (<see cref="SentimentRules.Sms"/>), emojis one token each, emoticons (":(", ">:(") from the
/// lexicon recognised as tokens. Punctuation ends clauses and is counted ("!!!", "??"). Lexicon entries go through the
/// same tokenizer, so both sides meet.
/// </summary>
internal sealed class SentimentTokenizer
{
    private static readonly string[] FoldTable = BuildFoldTable();

    private readonly SentimentRules rules;
    private readonly string[] emoticons;

    public SentimentTokenizer(SentimentRules rules, IEnumerable<string> emoticons)
    {
        this.rules = rules;
        this.emoticons = [.. emoticons.Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length)];
    }

    /// <summary>Whether a lexicon entry is an emoticon (starts with ASCII punctuation: ":)", "&lt;3", "^^").</summary>
    public static bool IsEmoticon(string entry) => entry.Length > 1 && IsEmoticonStart(entry[0]);

    public SentimentTokens Tokenize(string text)
    {
        var tokens = new List<SentimentToken>(Math.Min(64, text.Length / 4 + 4));
        var exclamations = 0;
        var questions = 0;
        var clause = 0;
        var contrastAt = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var upper = 0;
                var lower = 0;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
                {
                    if (char.IsUpper(text[i]))
                    {
                        upper++;
                    }
                    else if (char.IsLower(text[i]))
                    {
                        lower++;
                    }

                    i++;
                }

                var word = Fold(text.AsSpan(start, i - start));
                var caps = upper >= 2 && lower == 0;
                if (i + 1 < text.Length && IsApostrophe(text[i]) && text[i + 1] is 't' or 'T' && (i + 2 == text.Length || !char.IsLetter(text[i + 2]))
                    && word.Length > 1 && word[^1] == 'n')
                {
                    // English "n't": "isn't" → "is not", "can't" → "can not", "won't" → "will not".
                    var stem = word[..^1] switch { "ca" => "can", "wo" => "will", "sha" => "shall", "ai" => "is", var s => s };
                    AddWord(stem, caps);
                    AddWord("not", caps);
                    i += 2;
                    continue;
                }

                AddWord(word, caps);
                continue;
            }

            if (IsEmoticonStart(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && MatchEmoticon(text, i) is { } emoticon)
            {
                var lowered = emoticon.ToLowerInvariant();
                tokens.Add(new SentimentToken(lowered, lowered, null, clause, false, false));
                i += emoticon.Length;
                continue;
            }

            if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol)
            {
                if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                    && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol)
                {
                    var symbol = rune.ToString();
                    tokens.Add(new SentimentToken(symbol, symbol, null, clause, false, false));
                }

                i += Math.Max(consumed, 1);
                continue;
            }

            switch (c)
            {
                case '!':
                    exclamations++;
                    clause++;
                    break;
                case '?':
                    questions++;
                    clause++;
                    break;
                case '.' or ',' or ';' or ':' or '\n' or '\r' or '(' or ')' or '…' or '•' or '"' or '«' or '»':
                    clause++;
                    break;
            }

            i++;
        }

        return new SentimentTokens(tokens, exclamations, questions, contrastAt);

        void AddWord(string word, bool caps)
        {
            var elongated = HasRun(word, 3);
            var text = elongated ? Collapse(word, 1) : word;
            if (rules.Sms.TryGetValue(text, out var expansion))
            {
                foreach (var part in expansion)
                {
                    Add(part, Canon(part), null, caps, false);
                }

                return;
            }

            Add(text, Canon(text), elongated ? Canon(Collapse(word, 2)) : null, caps, elongated);
        }

        void Add(string text, string key, string? altKey, bool caps, bool elongated)
        {
            var contrast = rules.Contrasts.Contains(text)
                || (rules.ContrastPairTails.Contains(text) && tokens.Count > 0 && tokens[^1].Clause == clause
                    && rules.Contrasts.Contains($"{tokens[^1].Text} {text}"));
            if (contrast)
            {
                clause++;
            }

            tokens.Add(new SentimentToken(text, key, altKey, clause, caps, elongated));
            if (contrast && contrastAt < 0)
            {
                contrastAt = tokens.Count;
            }
        }
    }

    /// <summary>
    /// The lexicon form of a folded word: a light suffix folding so that the forms of one adjective or noun meet
    /// ("scandaleux"/"scandaleuse" → "scandaleu", "incompetents" → "incompetent", "nulle"/"nuls" → "nul",
    /// "desesperee" → "desesper", "remboursez" → "rembourser", "agressive" → "agressif"). Applied to messages and
    /// lexicon entries alike; short words are left alone.
    /// </summary>
    public static string Canon(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("euses", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 5), "eu");
        }

        if (word.EndsWith("euse", StringComparison.Ordinal) || word.EndsWith("eux", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - (word[^1] == 'x' ? 3 : 4)), "eu");
        }

        if (word.Length > 4 && word.EndsWith("ez", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 2), "er");
        }

        var end = word.Length;
        if (word[end - 1] is 's' or 'x' && word[end - 2] != 's')
        {
            end--;
        }

        for (var k = 0; k < 2 && end > 4 && word[end - 1] == 'e'; k++)
        {
            end--;
        }

        if (end > 3 && word[end - 1] == word[end - 2] && word[end - 1] is 'l' or 'n' or 't')
        {
            end--;
        }

        if (end > 4 && word[end - 2] == 'i' && word[end - 1] == 'v')
        {
            return string.Concat(word.AsSpan(0, end - 1), "f");
        }

        return end == word.Length ? word : word[..end];
    }

    /// <summary>Lowercase, accents removed, ligatures opened ("Œuvre" → "oeuvre", "DÉÇU" → "decu").</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length * 2] : new char[word.Length * 2];
        var length = 0;
        foreach (var raw in word)
        {
            var c = char.ToLowerInvariant(raw);
            if (c < FoldTable.Length)
            {
                foreach (var f in FoldTable[c])
                {
                    buffer[length++] = f;
                }
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                buffer[length++] = c;
            }
        }

        return new string(buffer[..length]);
    }

    private static string[] BuildFoldTable()
    {
        var table = new string[0x250];
        for (var c = 0; c < table.Length; c++)
        {
            var s = ((char)c).ToString();
            var decomposed = s.Normalize(NormalizationForm.FormD);
            var builder = new StringBuilder();
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(d);
                }
            }

            table[c] = builder.Length > 0 ? builder.ToString() : "";
        }

        table['œ'] = "oe";
        table['æ'] = "ae";
        table['ß'] = "ss";
        table['ø'] = "o";
        table['ł'] = "l";
        return table;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or 'ʼ' or '`' or '´';

    private static bool IsEmoticonStart(char c) => c is ':' or ';' or '<' or '>' or '=' or '^';

    private string? MatchEmoticon(string text, int at)
    {
        foreach (var emoticon in emoticons)
        {
            if (string.Compare(text, at, emoticon, 0, emoticon.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (at + emoticon.Length == text.Length || !char.IsLetterOrDigit(text[at + emoticon.Length]) || emoticon[^1] is ')' or '(' or '/'))
            {
                return emoticon;
            }
        }

        return null;
    }

    private static bool HasRun(string word, int length)
    {
        var run = 1;
        for (var k = 1; k < word.Length; k++)
        {
            run = word[k] == word[k - 1] && char.IsLetter(word[k]) ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs of three letters or more written <paramref name="keep"/> times ("nuuuul", 1 → "nul").</summary>
    private static string Collapse(string word, int keep)
    {
        var builder = new StringBuilder(word.Length);
        var k = 0;
        while (k < word.Length)
        {
            var run = 1;
            while (k + run < word.Length && word[k + run] == word[k])
            {
                run++;
            }

            builder.Append(word[k], run >= 3 && char.IsLetter(word[k]) ? keep : run);
            k += run;
        }

        return builder.ToString();
    }
}
