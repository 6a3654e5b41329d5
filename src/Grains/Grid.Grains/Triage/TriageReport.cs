using System.Globalization;
using System.Text;

namespace Grid.Triage;

/// <summary>Accuracy, macro-F1, per-class F1 and the confusion matrix of predictions against truth.</summary>
internal sealed record TriageScores(double Accuracy, double MacroF1, IReadOnlyDictionary<string, double> PerClassF1, int[,] Confusion, IReadOnlyList<string> Categories)
{
    public static TriageScores Of(IReadOnlyList<string> truth, IReadOnlyList<string> predicted, IReadOnlyList<string> categories)
    {
        var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var confusion = new int[categories.Count, categories.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            if (index.TryGetValue(truth[i], out var t) && index.TryGetValue(predicted[i], out var p))
            {
                confusion[t, p]++;
            }
        }

        var f1 = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < categories.Count; c++)
        {
            double tp = confusion[c, c], actual = 0, predictedCount = 0;
            for (var k = 0; k < categories.Count; k++)
            {
                actual += confusion[c, k];
                predictedCount += confusion[k, c];
            }

            var precision = predictedCount == 0 ? 0 : tp / predictedCount;
            var recall = actual == 0 ? 0 : tp / actual;
            f1[categories[c]] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        var correct = truth.Where((t, i) => t == predicted[i]).Count();
        return new TriageScores(truth.Count == 0 ? 0 : (double)correct / truth.Count, f1.Values.DefaultIfEmpty(0).Average(), f1, confusion, categories);
    }
}

/// <summary>One trainer's cross-validation on the training part: mean accuracy and macro-F1 over the folds, and the time it took.</summary>
internal sealed record TrainerScore(string Trainer, double Accuracy, double MacroF1, double AccuracyStdDev, TimeSpan Elapsed);

/// <summary>Everything a training run measured, and the model it produced.</summary>
internal sealed record TriageTrainingResult(
    TriageClassifier Classifier,
    byte[] Model,
    string Trainer,
    IReadOnlyList<TrainerScore> CrossValidation,
    TriageScores Scores,
    TriageScores Baseline,
    TriageScores? Unstripped,
    int TrainCount,
    int EvalCount,
    string EvalSource,
    double P50Milliseconds,
    double P99Milliseconds,
    TimeSpan TrainingTime)
{
    public TriageMetrics Metrics => new(Scores.Accuracy, Scores.MacroF1, Baseline.Accuracy, Baseline.MacroF1, Scores.PerClassF1, EvalCount);

    /// <summary>The report the training command prints (Markdown).</summary>
    public string Report()
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"Training examples: {TrainCount}; evaluated on {EvalCount} ({EvalSource}).");
        s.AppendLine();
        s.AppendLine("Cross-validation on the training part only (5 folds):");
        s.AppendLine();
        s.AppendLine("| trainer | accuracy | ± | macro-F1 | time |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var t in CrossValidation)
        {
            s.AppendLine(inv, $"| {t.Trainer}{(t.Trainer == Trainer ? " (chosen)" : "")} | {t.Accuracy:P1} | {t.AccuracyStdDev:P1} | {t.MacroF1:P1} | {t.Elapsed.TotalSeconds:F1} s |");
        }

        s.AppendLine();
        s.AppendLine(inv, $"Chosen: {Trainer}. Training time (selection and final model): {TrainingTime.TotalSeconds:F1} s. Model size: {Model.Length / 1024.0:F0} KB.");
        s.AppendLine();
        s.AppendLine("| held-out | accuracy | macro-F1 |");
        s.AppendLine("|---|---:|---:|");
        s.AppendLine(inv, $"| model ({Trainer}) | {Scores.Accuracy:P1} | {Scores.MacroF1:P1} |");
        if (Unstripped is not null)
        {
            s.AppendLine(inv, $"| same trainer, without the email preparation | {Unstripped.Accuracy:P1} | {Unstripped.MacroF1:P1} |");
        }

        s.AppendLine(inv, $"| naive Bayes on word counts (baseline) | {Baseline.Accuracy:P1} | {Baseline.MacroF1:P1} |");
        s.AppendLine();
        s.AppendLine(inv, $"Margin over the baseline: {(Scores.Accuracy - Baseline.Accuracy) * 100:+0.0;-0.0} points of accuracy, {(Scores.MacroF1 - Baseline.MacroF1) * 100:+0.0;-0.0} of macro-F1.");
        s.AppendLine();
        s.AppendLine("| category | F1 | baseline F1 |");
        s.AppendLine("|---|---:|---:|");
        foreach (var c in Scores.Categories)
        {
            s.AppendLine(inv, $"| {c} | {Scores.PerClassF1[c]:P1} | {Baseline.PerClassF1[c]:P1} |");
        }

        s.AppendLine();
        s.AppendLine("Confusion matrix (rows: true category, columns: predicted, in the order of the rows):");
        s.AppendLine();
        s.AppendLine("| true \\ predicted | " + string.Join(" | ", Scores.Categories.Select((_, i) => (i + 1).ToString(inv))) + " |");
        s.AppendLine("|---|" + string.Concat(Scores.Categories.Select(_ => "---:|")));
        for (var r = 0; r < Scores.Categories.Count; r++)
        {
            s.Append(inv, $"| {r + 1}. {Scores.Categories[r]} |");
            for (var c = 0; c < Scores.Categories.Count; c++)
            {
                s.Append(inv, $" {Scores.Confusion[r, c]} |");
            }

            s.AppendLine();
        }

        s.AppendLine();
        s.AppendLine(inv, $"Classification time per message (preparation included, {EvalCount} messages, one thread): p50 {P50Milliseconds:F2} ms, p99 {P99Milliseconds:F2} ms.");
        return s.ToString();
    }
}
