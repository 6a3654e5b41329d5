using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Grid.Triage;

/// <summary>
/// A loaded category model: prepares a message (<see cref="EmailText.ForModel"/>) and returns the categories by
/// probability. Thread-safe: ML.NET's prediction engines are not, so each call borrows one from a small pool.
/// </summary>
internal sealed class TriageClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly DataViewSchema schema;
    private readonly ConcurrentBag<PredictionEngine<TriageRow, TriagePrediction>> engines = [];

    public TriageClassifier(MLContext ml, ITransformer model, DataViewSchema schema, bool strip = true)
    {
        this.ml = ml;
        this.model = model;
        this.schema = schema;
        Strip = strip;
        var labels = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(schema)["Label"].GetKeyValues(ref labels);
        Categories = [.. labels.DenseValues().Select(v => v.ToString())];
    }

    /// <summary>The categories in the order of the model's scores.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Whether messages are prepared (quotes, signatures, footers dropped) before the model sees them.</summary>
    public bool Strip { get; }

    /// <summary>Loads a model saved by <see cref="Save"/>; a model that does not load or has no categories is refused.</summary>
    public static TriageClassifier Load(byte[] bytes)
    {
        var ml = new MLContext(seed: 1);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var model = ml.Model.Load(stream, out var schema);
            var classifier = new TriageClassifier(ml, model, schema);
            if (classifier.Categories.Count < 2)
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid, "the model knows fewer than 2 categories", "model");
            }

            classifier.Classify("Subject: test\n\nbonjour hello"); // a model that loads but cannot predict is refused too
            return classifier;
        }
        catch (Exception ex) when (ex is not TriageRuleException)
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid, $"the model does not load ({ex.GetType().Name}): train and upload it again", "model");
        }
    }

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    /// <summary>Every category with its probability, most probable first.</summary>
    public IReadOnlyList<TriageAlternative> Classify(string text)
    {
        var engine = engines.TryTake(out var pooled) ? pooled : ml.Model.CreatePredictionEngine<TriageRow, TriagePrediction>(model, schema);
        try
        {
            var scores = engine.Predict(new TriageRow { Text = EmailText.ForModel(text, Strip), Label = "" }).Score ?? [];
            return [.. scores.Select((p, i) => new TriageAlternative(Categories[i], Math.Round(p, 4)))
                .OrderByDescending(a => a.Probability).ThenBy(a => a.Category, StringComparer.Ordinal)];
        }
        finally
        {
            engines.Add(engine);
        }
    }

    /// <summary>The most probable category.</summary>
    public string Predict(string text) => Classify(text)[0].Category;
}

/// <summary>The model's input: the prepared text and, when training, the category.</summary>
internal sealed class TriageRow
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>The model's output: a probability per category, in the order of <see cref="TriageClassifier.Categories"/>.</summary>
internal sealed class TriagePrediction
{
    public float[]? Score { get; set; }
}
