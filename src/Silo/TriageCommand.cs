using System.Globalization;
using Grid.Triage;

namespace Grid.Silo;

/// <summary>
/// <c>triage train --tenant T --csv FILE [--eval FILE] [--holdout 0.2] [--categories FILE] [--trainers a,b] [--compare-raw]
/// [--dry-run] [--grid URL] [--api-key KEY]</c>: reads the tenant's labelled history (<see cref="TriageCsv"/>; with
/// <c>--categories</c>, the tenant's categories file, a category not in it is refused with its line), holds out
/// <c>--eval</c> or a stratified, seeded share of it, selects a trainer by cross-validation on the rest
/// (<see cref="TriageTrainer"/>), prints the report, then uploads the model to the running grid
/// (<c>grid.v1.TriageService.UploadModel</c>), which stores it as the tenant's next version; every silo loads it within
/// seconds. Training runs here, not on a silo, so a long training never holds a silo; the upload is the only call.
/// </summary>
internal static class TriageCommand
{
    /// <summary>The category ids of a tenant's categories file (<c>{"categories": [{"id": "billing-dispute", …}, …]}</c>).</summary>
    internal static IReadOnlyList<string> Categories(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("id").GetString() ?? "")];
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> flags, Func<TriageUploadTarget> target)
    {
        if (!flags.TryGetValue("tenant", out var tenant) || !flags.TryGetValue("csv", out var csv))
        {
            Console.Error.WriteLine("usage: triage train --tenant <tenant> --csv <history.csv> [--eval <eval.csv>] [--holdout 0.2] [--categories <categories.json>] " +
                "[--trainers sdca-maxent,lbfgs-maxent,...] [--compare-raw] [--dry-run] [--grid http://host:port] [--api-key <admin key>]");
            return 2;
        }

        try
        {
            var categories = flags.TryGetValue("categories", out var categoriesFile) ? Categories(await File.ReadAllTextAsync(BotEvalCommand.Resolve(categoriesFile))) : null;
            var examples = TriageCsv.Read(await File.ReadAllBytesAsync(BotEvalCommand.Resolve(csv)), categories);
            var trainer = new TriageTrainer();
            IReadOnlyList<TriageExample> training, heldOut;
            string source;
            if (flags.TryGetValue("eval", out var evalFile))
            {
                var known = categories ?? examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).ToList();
                heldOut = TriageCsv.Read(await File.ReadAllBytesAsync(BotEvalCommand.Resolve(evalFile)), known);
                training = examples;
                source = Path.GetFileName(evalFile);
            }
            else
            {
                var fraction = double.Parse(flags.GetValueOrDefault("holdout", "0.2"), CultureInfo.InvariantCulture);
                (training, heldOut) = trainer.Split(examples, fraction);
                source = string.Create(CultureInfo.InvariantCulture, $"a stratified {fraction:P0} of {Path.GetFileName(csv)}, seed 1");
            }

            IReadOnlyList<string>? trainers = flags.TryGetValue("trainers", out var list) ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
            var result = trainer.Train(training, heldOut, source, trainers, flags.ContainsKey("compare-raw"));
            Console.Write(result.Report());
            if (flags.ContainsKey("dry-run"))
            {
                return 0;
            }

            var version = await TriageUpload.SendAsync(target(), flags, tenant, result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stored as version {version} of tenant {tenant}'s model."));
            return 0;
        }
        catch (TriageRuleException refused)
        {
            Console.Error.WriteLine($"refused: {refused.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"refused: the categories file is not the expected JSON ({{\"categories\": [{{\"id\": …}}]}}): {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"cannot read the file: {ex.Message}");
            return 1;
        }
    }
}
