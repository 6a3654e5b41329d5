using Microsoft.ML;
using Microsoft.ML.Data;

namespace Grid.Bot;

/// <summary>
/// A logistic regression (ML.NET, L-BFGS) from <see cref="ConfidenceFeatures"/> to the probability that an entry is
/// the right answer, trained when the index is built on the knowledge base's own phrasings by leave-one-out: each
/// phrasing is searched with itself hidden (its entry should come first: answerable questions) and with its whole
/// entry hidden (every entry found is wrong: questions the base does not cover). Applied by hand from the learnt
/// weights, so deciding needs no ML.NET prediction engine and stays thread-safe. Measured, it does worse than the
/// calibrated function (docs/bot-evaluation.md, "Choices"): an entry's phrasings are deliberately unlike each other,
/// so a hidden phrasing looks like an uncovered question and the model learns to trust almost nothing.
/// </summary>
internal sealed class ConfidenceModel(float[] weights, float bias)
{
    private const int Ranks = 3;

    public IReadOnlyList<float> Weights => weights;

    public float Bias => bias;

    public double Probability(float[] features)
    {
        var score = bias;
        for (var i = 0; i < weights.Length; i++)
        {
            score += weights[i] * features[i];
        }

        return 1 / (1 + Math.Exp(-score));
    }

    public static ConfidenceModel Train(IEnumerable<LanguageIndex> indexes)
    {
        var rows = new List<Row>();
        foreach (var index in indexes)
        {
            foreach (var (doc, entry, text) in index.Questions)
            {
                Add(index.Search(text, Ranks + 2, (_, d) => d == doc), entry);
                Add(index.Search(text, Ranks + 2, (e, _) => e == entry), -1);
            }
        }

        var positives = rows.Count(r => r.Label);
        if (positives == 0 || positives == rows.Count)
        {
            return new ConfidenceModel(new float[ConfidenceFeatures.Count], positives == 0 ? -5 : 5);
        }

        var ml = new MLContext(seed: 0);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(Row.Label), nameof(Row.Features));
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(rows)).Model.SubModel;
        return new ConfidenceModel([.. model.Weights], model.Bias);

        void Add(IndexSearch search, int right)
        {
            for (var rank = 0; rank < Math.Min(Ranks, search.Matches.Count); rank++)
            {
                rows.Add(new Row { Features = ConfidenceFeatures.Of(search, rank), Label = search.Matches[rank].Entry == right });
            }
        }
    }

    private sealed class Row
    {
        [VectorType(ConfidenceFeatures.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
