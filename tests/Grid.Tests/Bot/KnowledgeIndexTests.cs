using Grid.Bot;
using Grid.Pipeline;

namespace Grid.Tests.Bot;

public sealed class KnowledgeIndexTests
{
    private static readonly KnowledgeEntry[] Entries =
    [
        new("refund", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["fr"] = ["Quand serai-je remboursé ?"],
            ["en"] = ["When will I get my refund?"],
        }, new Dictionary<string, string> { ["fr"] = "Sous 15 jours.", ["en"] = "Within 15 days." }),
        new("elevator", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["fr"] = ["L'ascenseur est en panne"],
            ["en"] = ["The elevator is out of order"],
        }, new Dictionary<string, string> { ["fr"] = "Un technicien passe sous 48 heures.", ["en"] = "A technician comes within 48 hours." }),
        new("french-only", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["fr"] = ["Où se trouve la déchetterie de la résidence ?"],
        }, new Dictionary<string, string> { ["fr"] = "Derrière le bâtiment B." }),
    ];

    private static readonly KnowledgeSettings Settings = new(0.5, [["ascenseur", "elevator", "lift"], ["remboursement", "refund", "money back"]], "fr");

    [Fact]
    public void Builds_one_index_per_language_the_entries_are_phrased_in()
    {
        using var index = new KnowledgeIndex(Entries, Settings);

        Assert.Equal(["en", "fr"], index.Languages.Order());
        Assert.Null(index.For("de"));
    }

    [Theory]
    [InlineData("lift broken again", "elevator")]
    [InlineData("when do I get my money back", "refund")]
    public void Expands_the_tenants_synonyms_including_phrases(string text, string entry)
    {
        using var index = new KnowledgeIndex(Entries, Settings);

        var search = index.For("en")!.Search(text, 3);

        Assert.Equal(entry, Entries[search.Matches[0].Entry].Id);
    }

    [Fact]
    public void Finds_nothing_through_synonyms_when_they_are_turned_off()
    {
        using var index = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Synonyms = false });

        Assert.Empty(index.For("en")!.Search("lift", 3).Matches);
    }

    [Theory]
    [InlineData("fuzzy")]
    [InlineData("correction")]
    public void Tolerates_one_typo_in_a_long_word(string mode)
    {
        var typos = mode == "fuzzy" ? TypoTolerance.Fuzzy : TypoTolerance.Correction;
        using var index = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Typos = typos });

        Assert.Equal("refund", Entries[index.For("en")!.Search("my refnud", 3).Matches[0].Entry].Id);
        Assert.Equal("elevator", Entries[index.For("fr")!.Search("ascensuer en panne", 3).Matches[0].Entry].Id);
    }

    [Fact]
    public void Corrects_spelling_before_stemming_where_a_typo_derails_the_stemmer()
    {
        using var correcting = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Typos = TypoTolerance.Correction });
        using var fuzzy = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Typos = TypoTolerance.Fuzzy });

        // Porter stems "elevator" to "elev" but leaves "elevtor" whole: three edits apart once stemmed.
        Assert.Equal("elevator", Entries[correcting.For("en")!.Search("the elevtor", 3).Matches[0].Entry].Id);
        Assert.Empty(fuzzy.For("en")!.Search("the elevtor", 3).Matches);
    }

    [Fact]
    public void Does_not_correct_a_word_the_base_knows_once_stemmed()
    {
        using var index = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Typos = TypoTolerance.Correction });

        // "refunds" is one letter from nothing the base wrote but "refund", and stems to it anyway; "orders" stays "order".
        Assert.Equal("refund", Entries[index.For("en")!.Search("refunds", 3).Matches[0].Entry].Id);
        Assert.Equal("elevator", Entries[index.For("en")!.Search("orders", 3).Matches[0].Entry].Id);
    }

    [Fact]
    public void Does_not_correct_short_words_or_without_typo_tolerance()
    {
        using var index = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { Typos = TypoTolerance.None });

        Assert.Empty(index.For("en")!.Search("the elevtor", 3).Matches);
        Assert.Empty(index.For("en")!.Search("refnud", 3).Matches);
    }

    [Fact]
    public void Gives_a_query_that_says_everything_a_phrasing_says_full_relative_score_and_coverage()
    {
        using var index = new KnowledgeIndex(Entries, Settings);

        var match = index.For("fr")!.Search("l'ascenseur est en panne", 3).Matches[0];

        Assert.Equal(1, match.Relative, 3);
        Assert.Equal(1, match.QueryCoverage, 3);
        Assert.Equal(1, match.PhrasingCoverage, 3);
    }

    [Fact]
    public void Counts_what_the_entry_does_not_explain_against_the_query()
    {
        using var index = new KnowledgeIndex(Entries, Settings);

        var match = index.For("fr")!.Search("combien coûte un ascenseur neuf pour ma maison", 3).Matches[0];

        Assert.InRange(match.QueryCoverage, 0, 0.5);
    }

    [Fact]
    public void Asks_the_other_languages_when_the_customers_has_no_entry()
    {
        using var index = new KnowledgeIndex(Entries, Settings);
        var matcher = new KnowledgeMatcher(index, new StopWordLanguageDetector());

        var decision = matcher.Decide("Where is the déchetterie de la résidence?");

        Assert.Equal(BotDecisionKind.Answer, decision.Kind);
        Assert.Equal("french-only", decision.EntryId);
        Assert.Equal("fr", decision.Language);
    }

    [Fact]
    public void Explains_a_decision()
    {
        using var index = new KnowledgeIndex(Entries, Settings);
        var detector = new StopWordLanguageDetector();

        var text = MatchExplanation.Explain(new KnowledgeMatcher(index, detector), detector, "the lift is out of order");

        Assert.Contains("normalised: the lift is out of order", text, StringComparison.Ordinal);
        Assert.Contains("decision:   Answer elevator", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_settings_and_entries_from_json()
    {
        var settings = KnowledgeBaseFile.ReadSettings("""{"threshold": 0.6, "synonyms": [["a", "b"]], "defaultLanguage": "en"}""");
        var entries = KnowledgeBaseFile.ReadEntries("""
            [{"id": "x", "tags": ["t"], "questions": {"fr": ["q"]}, "answers": {"fr": "r"}, "flow": null}]
            """);

        Assert.Equal(0.6, settings.Threshold);
        Assert.Equal(["a", "b"], settings.Synonyms[0]);
        Assert.Equal("en", settings.DefaultLanguage);
        Assert.Equal("x", entries[0].Id);
        Assert.Equal("q", entries[0].Questions["fr"][0]);
        Assert.Null(entries[0].Flow);
    }
}
