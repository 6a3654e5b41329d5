using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// One reported figure: a benchmark's measured value (the median of the repeats), the same-run baseline it is
/// compared with, their ratio, and the target it is read against (targets are aims, not assertions).
/// </summary>
public sealed record Figure(string Id, string What, double Value, string Unit, string? Versus, double? BaselineValue, double? Ratio, string Target, bool? Met, string Note = "");

/// <summary>The results of a run: figures, every raw run, the read-back check; written as Markdown and JSON.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public List<Figure> Figures { get; } = [];

    public List<object> Runs { get; } = [];

    public Verification? Verification { get; set; }

    public Dictionary<string, string> Setting { get; } = [];

    public void Add(Figure figure) => Figures.Add(figure);

    public string Markdown()
    {
        var text = new StringBuilder().AppendLine("## Grid benchmarks").AppendLine();
        foreach (var (name, value) in Setting)
        {
            text.Append("- ").Append(name).Append(": ").AppendLine(value);
        }

        text.AppendLine()
            .AppendLine("| # | what | median | baseline (same run) | ratio | target | met |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var f in Figures)
        {
            text.Append("| ").Append(f.Id)
                .Append(" | ").Append(f.What + (f.Note.Length > 0 ? $" ({f.Note})" : ""))
                .Append(" | ").Append(Number(f.Value)).Append(' ').Append(f.Unit)
                .Append(" | ").Append(f.Versus is null ? "–" : $"{f.Versus} {Number(f.BaselineValue ?? double.NaN)}")
                .Append(" | ").Append(f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–")
                .Append(" | ").Append(f.Target)
                .Append(" | ").Append(f.Met switch { true => "yes", false => "**no**", null => "–" })
                .AppendLine(" |");
        }

        if (Verification is { } v)
        {
            text.AppendLine().Append("Read back: ").Append(v.Passed ? "every acknowledged message stored exactly once — " : "**FAILED** — ").AppendLine(v.ToString());
        }

        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(
        new { setting = Setting, figures = Figures, verification = Verification, runs = Runs }, Json);

    /// <summary>Prints the Markdown; with <paramref name="directory"/>, writes <c>bench.md</c> and <c>bench.json</c> there.</summary>
    public void Write(string? directory)
    {
        Console.WriteLine(Markdown());
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "bench.md"), Markdown());
        File.WriteAllText(Path.Combine(directory, "bench.json"), ToJson());
        Console.Error.WriteLine($"reports: {Path.Combine(directory, "bench.md")} and bench.json");
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);
}
