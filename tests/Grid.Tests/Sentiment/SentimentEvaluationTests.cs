using Grid.Sentiment;

namespace Grid.Tests.Sentiment;

/// <summary>
/// The labelled messages of <c>Sentiment/Data/sentiment-cases.json</c> (half French, half English; 40% negative,
/// 40% neutral, 20% positive): the dev split was used while building the lexicons and rules, the held-out split was
/// not looked at until the end. Fails when the scorer drops below the levels it reaches today.
/// </summary>
public sealed class SentimentEvaluationTests
{
    private static readonly IReadOnlyList<SentimentCase> Cases = SentimentCase.ReadAll();

    [Fact]
    public void The_cases_are_balanced_and_split()
    {
        Assert.True(Cases.Count >= 240, $"{Cases.Count} cases");
        Assert.Equal(Cases.Count / 2, Cases.Count(c => c.Language == "fr"));
        Assert.All(Cases, c => Assert.Contains(c.Label, new[] { "negative", "neutral", "positive" }));
        Assert.All(Cases, c => Assert.Contains(c.Split, new[] { "dev", "heldout" }));
        Assert.InRange(Cases.Count(c => c.Split == "heldout") / (double)Cases.Count, 0.3, 0.36);
        Assert.InRange(Cases.Count(c => c.Label == "negative") / (double)Cases.Count, 0.35, 0.45);
        Assert.InRange(Cases.Count(c => c.Label == "positive") / (double)Cases.Count, 0.15, 0.25);
        Assert.Equal(Cases.Count, Cases.Select(c => c.Text).Distinct().Count());
    }

    [Fact]
    public void Keeps_its_quality_on_the_dev_cases()
    {
        var result = Evaluate("dev");

        // Reached: 168/168 right (100%), negative recall 100%, negative precision 100%.
        Assert.True(result.Accuracy >= 0.99, result.Describe());
        Assert.True(result.NegativeRecall >= 0.99, result.Describe());
        Assert.True(result.NegativePrecision >= 0.99, result.Describe());
    }

    [Fact]
    public void Keeps_its_quality_on_the_held_out_cases()
    {
        var result = Evaluate("heldout");

        // Reached on the first and only measurement: 83/84 right (98.8%), negative recall 33/34 (97.1%), negative
        // precision 100%. Targets were 85% accuracy and 90% negative recall. The cases and the lexicons have the same
        // author, so these levels overstate what unseen customers will get.
        Assert.True(result.Accuracy >= 0.98, result.Describe());
        Assert.True(result.NegativeRecall >= 0.97, result.Describe());
        Assert.True(result.NegativePrecision >= 0.99, result.Describe());
    }

    private static Evaluation Evaluate(string split)
    {
        var scorer = SentimentScorer.Shared;
        var results = Cases.Where(c => c.Split == split)
            .Select(c => (Case: c, Score: scorer.Score(c.Text, c.Language)))
            .Select(r => (r.Case, r.Score.Value, Predicted: SentimentCase.Predict(r.Score.Value)))
            .ToList();
        return new Evaluation(split, results);
    }

    private sealed class Evaluation(string split, List<(SentimentCase Case, double Value, string Predicted)> results)
    {
        public double Accuracy => results.Count(r => r.Predicted == r.Case.Label) / (double)results.Count;

        public double NegativeRecall =>
            results.Count(r => r.Case.Label == "negative" && r.Predicted == "negative") / (double)results.Count(r => r.Case.Label == "negative");

        public double NegativePrecision =>
            results.Count(r => r.Case.Label == "negative" && r.Predicted == "negative") / (double)Math.Max(1, results.Count(r => r.Predicted == "negative"));

        public string Describe()
        {
            var errors = results.Where(r => r.Predicted != r.Case.Label)
                .Select(r => $"  {r.Case.Label} read as {r.Predicted} ({r.Value:F2}) [{r.Case.Language}] {r.Case.Text}");
            return $"{split}: {results.Count} cases, accuracy {Accuracy:P1}, negative recall {NegativeRecall:P1}, "
                + $"negative precision {NegativePrecision:P1}\n{string.Join('\n', errors)}";
        }
    }
}
