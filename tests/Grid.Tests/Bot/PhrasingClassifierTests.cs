using Grid.Bot;

namespace Grid.Tests.Bot;

public sealed class PhrasingClassifierTests
{
    private static readonly KnowledgeEntry[] Entries =
    [
        new("refund", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["en"] = ["When will I get my refund?", "My refund has not arrived yet", "How long does a reimbursement take?"],
        }, new Dictionary<string, string> { ["en"] = "Within 15 days." }),
        new("elevator", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["en"] = ["The elevator is out of order", "The lift is broken", "Elevator stuck between floors"],
        }, new Dictionary<string, string> { ["en"] = "A technician comes within 48 hours." }),
        new("invoice", [], new Dictionary<string, IReadOnlyList<string>>
        {
            ["en"] = ["I need a copy of my invoice", "Where can I download my bills?", "Send me last month's invoice"],
        }, new Dictionary<string, string> { ["en"] = "In your customer space." }),
    ];

    private static readonly KnowledgeSettings Settings = new(0.5, [["elevator", "lift"]], "en");

    private static readonly MatcherOptions WithScorer = MatcherOptions.Default with { Scorer = true, ScorerMinPhrasings = 1 };

    [Theory]
    [InlineData("my refund still has not arrived", "refund")]
    [InlineData("the lift is stuck", "elevator")]
    [InlineData("download a copy of my invoice", "invoice")]
    public void Gives_the_entry_of_a_close_phrasing_the_highest_probability(string text, string entry)
    {
        using var index = new KnowledgeIndex(Entries, Settings, WithScorer);

        var matches = index.For("en")!.Search(text, 3).Matches;

        Assert.Equal(entry, Entries[matches.MaxBy(m => m.Classifier)!.Entry].Id);
        Assert.InRange(matches.Sum(m => m.Classifier), 0, 1.0001);
    }

    [Fact]
    public void Tolerates_a_typo_through_character_ngrams()
    {
        var samples = new (int, IReadOnlyList<(string, float)>)[]
        {
            (0, [("reimbursement", 1f)]),
            (1, [("elevator", 1f)]),
        };

        var classifier = PhrasingClassifier.Train(samples, 1e-4)!;
        var probabilities = classifier.Probabilities([("reimbursment", 1f)], 2);

        Assert.True(probabilities[0] > probabilities[1]);
    }

    [Fact]
    public void Trains_deterministically()
    {
        // Trained twice on the same phrasings (not through the index, whose cache would hand back the first model).
        var samples = Samples();

        var a = PhrasingClassifier.Train(samples, 1e-4)!.Probabilities([("invoice", 1f), ("lift", 1f)], 3);
        var b = PhrasingClassifier.Train(samples, 1e-4)!.Probabilities([("invoice", 1f), ("lift", 1f)], 3);

        Assert.Equal(a, b);
    }

    /// <summary>Phrasings of three entries, as analysed terms.</summary>
    internal static (int Entry, IReadOnlyList<(string Term, float Weight)> Terms)[] Samples() =>
    [
        (0, [("invoice", 1f), ("copy", 1f)]),
        (0, [("bill", 1f), ("duplicate", 1f), ("send", 1f)]),
        (1, [("lift", 1f), ("broken", 1f)]),
        (1, [("elevator", 1f), ("stuck", 1f), ("floor", 1f)]),
        (2, [("refund", 1f), ("money", 1f), ("back", 1f)]),
        (2, [("reimburse", 1f), ("payment", 1f), ("invoice", 0.5f)]),
    ];

    [Fact]
    public void Is_not_trained_on_a_base_with_few_phrasings_and_then_leaves_the_confidence_alone()
    {
        using var index = new KnowledgeIndex(Entries, Settings);

        var search = index.For("en")!.Search("my refund has not arrived", 3);

        Assert.True(index.Options.Scorer); // on by default, but this base has two phrasings an entry
        Assert.False(index.For("en")!.HasClassifier);
        Assert.All(search.Matches, m => Assert.Equal(0, m.Classifier));
        using var matcherIndex = new KnowledgeIndex(Entries, Settings);
        var ranked = new KnowledgeMatcher(matcherIndex, new Grid.Pipeline.StopWordLanguageDetector()).Rank("my refund has not arrived", "en");
        Assert.Equal(MatchConfidence.Of(search, 0, ConfidenceKind.Calibrated, null), ranked[0].Confidence);
    }

    [Fact]
    public void Needs_two_entries_to_tell_apart()
    {
        Assert.Null(PhrasingClassifier.Train([(0, [("refund", 1f)])], 1e-4));
    }
}
