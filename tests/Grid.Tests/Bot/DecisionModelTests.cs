using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The learned decision (<see cref="DecisionModel"/>, off by default): the shipped model reads back with today's
/// features, a model with other features is refused with what to do, and a model learnt from one set's labelled
/// messages puts another set's right entries above its wrong ones.
/// </summary>
public sealed class DecisionModelTests
{
    private static readonly IReadOnlyList<KnowledgeEntry> Entries = DemoBase.Entries;
    private static readonly KnowledgeSettings Settings = DemoBase.Settings;

    [Fact]
    public void Reads_the_shipped_model_with_the_matchers_features()
    {
        var model = DecisionModel.Shipped;

        Assert.NotNull(model);
        Assert.Equal(DecisionFeatures.Names, model.Features);
        Assert.Equal(DecisionFeatures.Count, model.Weights.Length);
        Assert.All(model.Scale, s => Assert.True(s > 0));
    }

    [Fact]
    public void Refuses_a_model_learnt_on_other_features()
    {
        var json = DecisionModel.Shipped!.ToJson().Replace("\"first in meaning\"", "\"something else\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => DecisionModel.Parse(json));

        Assert.Contains("bot-eval --train-decision", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Learnt_on_one_set_ranks_another_sets_right_entries_above_its_wrong_ones()
    {
        var training = new BotEvaluation(Entries, Settings, DemoBase.Cases("eval-cases.json")).DecisionRows();
        var test = new BotEvaluation(Entries, Settings, DemoBase.Cases("eval-sealed5.json")).DecisionRows();

        var model = DecisionModel.Train(training, ["eval-cases.json"]);

        // The area under the ROC curve: the chance that a right entry gets a higher probability than a wrong one.
        var right = test.Where(r => r.Right).Select(r => model.Probability(r.Features)).ToList();
        var wrong = test.Where(r => !r.Right).Select(r => model.Probability(r.Features)).ToList();
        var auc = right.Sum(p => wrong.Count(q => q < p) + (0.5 * wrong.Count(q => q == p))) / (right.Count * (double)wrong.Count);
        Assert.True(auc > 0.9, $"AUC {auc:0.000}");
        Assert.Equal(training.Count, model.Rows);
    }

    [Fact]
    public void Refuses_to_learn_from_rows_of_one_kind()
    {
        float[] features = new float[DecisionFeatures.Count];

        Assert.Throws<ArgumentException>(() => DecisionModel.Train([(features, true), (features, true)], ["x"]));
    }
}
