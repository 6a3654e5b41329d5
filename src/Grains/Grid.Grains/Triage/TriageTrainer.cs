using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Grid.Triage;

/// <summary>
/// Trains a tenant's category model with ML.NET. Text: the email prepared (<see cref="EmailText"/>: subject and the
/// sender's own words; accents and case folded, digits reduced to one). Features: word unigrams and bigrams and
/// character 3-, 4- and 5-grams (term frequencies), the whole vector L2-normalised. Trainers are compared by 5-fold
/// cross-validation on the training part only; the best macro-F1 is trained on the whole training part and measured
/// once on the held-out part, next to the naive-Bayes baseline trained on the same part. Seeded: the same data gives
/// the same model.
/// </summary>
internal sealed class TriageTrainer(int seed = 1)
{
    /// <summary>The trainers compared by default.</summary>
    public static IReadOnlyList<string> DefaultTrainers { get; } = ["sdca-maxent", "lbfgs-maxent", "ova-averaged-perceptron", "ova-linear-svm", "naive-bayes"];

    /// <summary>The trainer the demo tenant's seed uses without selection (the one selection picks on the demo data).</summary>
    public const string DemoTrainer = "ova-linear-svm";

    public TriageTrainingResult Train(
        IReadOnlyList<TriageExample> training, IReadOnlyList<TriageExample> heldOut, string evalSource,
        IReadOnlyList<string>? trainers = null, bool compareUnstripped = false)
    {
        var watch = Stopwatch.StartNew();
        trainers ??= DefaultTrainers;
        var categories = training.Select(e => e.Category).Concat(heldOut.Select(e => e.Category)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var ml = new MLContext(seed);
        var data = Data(ml, training, strip: true);
        var scores = new List<TrainerScore>();
        if (trainers.Count > 1)
        {
            foreach (var name in trainers)
            {
                var started = Stopwatch.GetTimestamp();
                var folds = ml.MulticlassClassification.CrossValidate(data, Pipeline(ml, name), numberOfFolds: 5, labelColumnName: "Label", seed: seed);
                var accuracies = folds.Select(f => f.Metrics.MicroAccuracy).ToList();
                var f1 = folds.Select(f => MacroF1(f.Metrics.ConfusionMatrix)).Average();
                var mean = accuracies.Average();
                var sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / accuracies.Count);
                scores.Add(new TrainerScore(name, mean, f1, sd, Stopwatch.GetElapsedTime(started)));
            }
        }

        var chosen = trainers.Count > 1 ? scores.MaxBy(s => s.MacroF1)!.Trainer : trainers[0];
        var classifier = Fit(ml, chosen, data, strip: true);
        var bytes = classifier.Save();
        var trainingTime = watch.Elapsed;

        var truth = heldOut.Select(e => e.Category).ToList();
        var times = new List<double>(heldOut.Count);
        var predicted = new List<string>(heldOut.Count);
        classifier.Predict(heldOut[0].Text); // warm-up: the first call builds the prediction engine
        foreach (var example in heldOut)
        {
            var started = Stopwatch.GetTimestamp();
            predicted.Add(classifier.Predict(example.Text));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        var baseline = new NaiveBayesBaseline(training);
        TriageScores? unstripped = null;
        if (compareUnstripped)
        {
            var raw = Fit(ml, chosen, Data(ml, training, strip: false), strip: false);
            unstripped = TriageScores.Of(truth, [.. heldOut.Select(e => raw.Predict(e.Text))], categories);
        }

        return new TriageTrainingResult(
            classifier, bytes, chosen, scores,
            TriageScores.Of(truth, predicted, categories),
            TriageScores.Of(truth, [.. heldOut.Select(e => baseline.Predict(e.Text))], categories),
            unstripped, training.Count, heldOut.Count, evalSource,
            Percentile(times, 0.50), Percentile(times, 0.99), trainingTime);
    }

    /// <summary>Trains one trainer on all of <paramref name="training"/>, without selection or evaluation (the demo seed).</summary>
    public TriageClassifier TrainOnly(IReadOnlyList<TriageExample> training, string trainer = DemoTrainer)
    {
        var ml = new MLContext(seed);
        return Fit(ml, trainer, Data(ml, training, strip: true), strip: true);
    }

    /// <summary>A stratified split: <paramref name="fraction"/> of each category held out, drawn with the seed.</summary>
    public (IReadOnlyList<TriageExample> Training, IReadOnlyList<TriageExample> HeldOut) Split(IReadOnlyList<TriageExample> examples, double fraction)
    {
        var random = new Random(seed);
        var training = new List<TriageExample>();
        var heldOut = new List<TriageExample>();
        foreach (var group in examples.GroupBy(e => e.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.OrderBy(_ => random.Next()).ToList();
            var take = (int)Math.Round(shuffled.Count * fraction);
            heldOut.AddRange(shuffled.Take(take));
            training.AddRange(shuffled.Skip(take));
        }

        return (training, heldOut);
    }

    private static TriageClassifier Fit(MLContext ml, string trainer, IDataView data, bool strip)
    {
        var model = Pipeline(ml, trainer).Fit(data);
        return new TriageClassifier(ml, model, data.Schema, strip);
    }

    private static IDataView Data(MLContext ml, IReadOnlyList<TriageExample> examples, bool strip) =>
        ml.Data.LoadFromEnumerable(examples.Select(e => new TriageRow { Text = EmailText.ForModel(e.Text, strip), Label = e.Category }).ToList());

    private static readonly char[] WordSeparators = [' ', '\n', '\t', ',', '.', ';', ':', '!', '?', '(', ')', '\'', '"', '-', '/', '«', '»', '*', '[', ']'];

    /// <summary>Features and trainer: word 1–2-grams and character 3–5-grams of the prepared text, L2-normalised.</summary>
    internal static IEstimator<ITransformer> Pipeline(MLContext ml, string trainer)
    {
        var text = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text", WordSeparators))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordGrams", "WordKeys", ngramLength: 2, useAllLengths: true))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Text"))
            .Append(ml.Transforms.Text.ProduceNgrams("Char3", "Chars", ngramLength: 3, useAllLengths: false))
            .Append(ml.Transforms.Text.ProduceNgrams("Char4", "Chars", ngramLength: 4, useAllLengths: false))
            .Append(ml.Transforms.Text.ProduceNgrams("Char5", "Chars", ngramLength: 5, useAllLengths: false))
            .Append(ml.Transforms.Concatenate("Raw", "WordGrams", "Char3", "Char4", "Char5"))
            .Append(ml.Transforms.NormalizeLpNorm("Features", "Raw"));
        var multiclass = ml.MulticlassClassification.Trainers;
        var binary = ml.BinaryClassification.Trainers;
        IEstimator<ITransformer> estimator = trainer switch
        {
            "sdca-maxent" => multiclass.SdcaMaximumEntropy(),
            // The features are L2-normalised, so each weight is small: the default L2 regularisation (1) flattens the model.
            "lbfgs-maxent" => multiclass.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 1e-4f),
            "ova-averaged-perceptron" => multiclass.OneVersusAll(binary.AveragedPerceptron(numberOfIterations: 10)),
            "ova-linear-svm" => multiclass.OneVersusAll(binary.LinearSvm(numberOfIterations: 20)), // the default is one pass
            "naive-bayes" => multiclass.NaiveBayes(),
            _ => throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"unknown trainer '{trainer}'; the trainers are: {string.Join(", ", DefaultTrainers)}", "trainers"),
        };
        return text.Append(estimator);
    }

    private static double MacroF1(ConfusionMatrix matrix)
    {
        var f1 = matrix.PerClassPrecision.Select((p, i) => (p, r: matrix.PerClassRecall[i])).Select(x => x.p + x.r == 0 ? 0 : 2 * x.p * x.r / (x.p + x.r));
        return f1.DefaultIfEmpty(0).Average();
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
