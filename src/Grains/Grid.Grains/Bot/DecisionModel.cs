using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Grid.Bot;

/// <summary>
/// The learned decision: a logistic regression from <see cref="DecisionFeatures"/> to the probability that an entry is
/// the right answer to a message, which becomes the entry's confidence (so the tenant's threshold is a probability of
/// being right). Learnt from labelled customer messages — the development evaluation sets over the demo base: each
/// message's three best entries, the right one labelled true, every entry of an uncovered message false — by
/// <c>bot-eval --train-decision</c>, and shipped as <c>Bot/Data/decision-model.json</c> (docs/bot-evaluation.md, "Fifth
/// round"). Features are standardised with the training rows' mean and spread, then weighed; applying it is a dot
/// product, thread-safe and allocation-light.
/// </summary>
internal sealed record DecisionModel(IReadOnlyList<string> Features, float[] Mean, float[] Scale, float[] Weights, float Bias, int Rows, IReadOnlyList<string> TrainedOn)
{
    private const string ResourceName = "decision-model.json";

    private static readonly Lazy<DecisionModel?> ShippedInstance = new(() => Parse(KnowledgeBaseFile.Resource(ResourceName)));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The model shipped in the assembly.</summary>
    public static DecisionModel? Shipped => ShippedInstance.Value;

    public double Probability(float[] features)
    {
        double score = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            score += Weights[i] * ((features[i] - Mean[i]) / Scale[i]);
        }

        return 1 / (1 + Math.Exp(-score));
    }

    /// <summary>Reads a model, refusing one whose features are not today's <see cref="DecisionFeatures"/>.</summary>
    public static DecisionModel Parse(string json)
    {
        var model = JsonSerializer.Deserialize<DecisionModel>(json, Json) ?? throw new InvalidDataException("The decision model is empty.");
        if (!model.Features.SequenceEqual(DecisionFeatures.Names)
            || model.Mean.Length != model.Features.Count || model.Scale.Length != model.Features.Count || model.Weights.Length != model.Features.Count)
        {
            throw new InvalidDataException(
                $"The decision model's features ({string.Join(", ", model.Features)}) are not the matcher's ({string.Join(", ", DecisionFeatures.Names)}): retrain it with bot-eval --train-decision.");
        }

        return model;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Fits the regression (ML.NET, L-BFGS, L2) on standardised rows.</summary>
    public static DecisionModel Train(IReadOnlyList<(float[] Features, bool Right)> rows, IReadOnlyList<string> trainedOn)
    {
        if (rows.Count == 0 || rows.All(r => r.Right) || rows.All(r => !r.Right))
        {
            throw new ArgumentException("Training the decision needs right and wrong entries among the rows.", nameof(rows));
        }

        var count = DecisionFeatures.Names.Count;
        var mean = new float[count];
        var scale = new float[count];
        for (var i = 0; i < count; i++)
        {
            var values = rows.Select(r => (double)r.Features[i]).ToList();
            var average = values.Average();
            mean[i] = (float)average;
            scale[i] = (float)Math.Max(1e-6, Math.Sqrt(values.Sum(v => (v - average) * (v - average)) / values.Count));
        }

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Features = [.. r.Features.Select((v, i) => (v - mean[i]) / scale[i])],
            Label = r.Right,
        }));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(Row.Label), nameof(Row.Features), l2Regularization: 0.1f);
        var fitted = trainer.Fit(data).Model.SubModel;
        return new DecisionModel(DecisionFeatures.Names, mean, scale, [.. fitted.Weights], fitted.Bias, rows.Count, trainedOn);
    }

    private sealed class Row
    {
        [VectorType(DecisionFeatures.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
