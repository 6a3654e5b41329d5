using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Grid.Bot;

/// <summary>
/// Lucene's analysis chain for one language, the same for the knowledge base's phrasings and the customers' messages:
/// standard tokenizer, French elision ("l'ascenseur" → "ascenseur"), lowercase, English possessives, ASCII folding,
/// stop words (Lucene's list for the language plus greetings and fillers of <see cref="BotLexicon"/>, folded), then a
/// stemmer (French: light, minimal or Snowball; English: Porter, KStem or the minimal plural stemmer). Without
/// <see cref="MatcherOptions.Stemming"/> only lowercase and Lucene's stop words apply (plain BM25 for the ablation).
/// A language other than French gets the English chain.
/// </summary>
internal sealed class KnowledgeAnalyzer : Analyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly bool french;
    private readonly bool full;
    private readonly string englishStemmer;
    private readonly string frenchStemmer;
    private readonly CharArraySet stopWords;

    public KnowledgeAnalyzer(string language, MatcherOptions options)
    {
        french = language == "fr";
        full = options.Stemming;
        englishStemmer = options.EnglishStemmer;
        frenchStemmer = options.FrenchStemmer;
        var defaults = french ? FrenchAnalyzer.DefaultStopSet : EnglishAnalyzer.DefaultStopSet;
        if (full)
        {
            var words = defaults.Select(w => TextNormalizer.Fold(w.ToString()!))
                .Concat(french ? BotLexicon.FrenchExtraStopWords : BotLexicon.EnglishExtraStopWords);
            stopWords = new CharArraySet(Version, words.ToList(), ignoreCase: false);
        }
        else
        {
            stopWords = defaults;
        }
    }

    /// <summary>The analysed terms of a text, in order.</summary>
    public List<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        if (!full)
        {
            return new TokenStreamComponents(source, new StopFilter(Version, stream, stopWords));
        }

        stream = french ? new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES) : new EnglishPossessiveFilter(Version, stream);

        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, stopWords);
        stream = french
            ? frenchStemmer switch
            {
                "minimal" => new FrenchMinimalStemFilter(stream),
                "snowball" => new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.FrenchStemmer()),
                _ => new FrenchLightStemFilter(stream),
            }
            : englishStemmer switch
            {
                "minimal" => new EnglishMinimalStemFilter(stream),
                "kstem" => new KStemFilter(stream),
                _ => new PorterStemFilter(stream),
            };
        return new TokenStreamComponents(source, stream);
    }
}
