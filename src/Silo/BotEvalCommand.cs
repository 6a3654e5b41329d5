using System.Globalization;
using Grid.Bot;

namespace Grid.Silo;

/// <summary>
/// <c>bot-eval --kb FILE --cases FILE [--settings FILE] [--threshold X] [--size N]</c>: runs the evaluation cases
/// through the bot's matcher built on the knowledge base and prints the Markdown report (<see cref="BotEvaluation"/>).
/// The settings file holds the tenant's bot settings (threshold, synonyms, default language); without --settings, the
/// file beside the knowledge base named like it ("demo-kb.json" → "demo-settings.json") is read when it exists;
/// --threshold overrides the threshold.
/// <c>--errors</c> prints only the cases not decided as expected and the clarified ones; <c>--no-library</c> decides
/// without Grid's phrasing library (<see cref="PhrasingLibrary"/>), to see what it adds to a sparsely phrased base.
/// <c>--candidates</c> prints each case's decision and three best candidates (tab-separated); <c>--signals</c> each
/// case's decision, person-request rule, learnt model probability and gate (tab-separated;
/// with <c>--model-only</c> the person-request signals alone, in seconds);
/// <c>--learn-missed A,B [--out-of-scope] --out FILE</c> writes the base with the sets' missed messages as phrasings (<see cref="MissedPhrasings"/>).
/// <c>bot-eval --kb FILE --explain "message"</c> prints why the matcher decides what it does for one message (one a line).
/// <c>bot-eval --kb FILE --train-decision --cases A,B [--out FILE]</c> learns the decision model (<see cref="DecisionModel"/>)
/// from labelled sets; <c>--decision FILE</c> evaluates with such a model instead of the shipped one.
/// Relative paths are read from the current directory or, failing that, from the nearest parent holding them.
/// </summary>
internal static class BotEvalCommand
{
    /// <summary>The threshold when neither a settings file nor --threshold gives one.</summary>
    public const double DefaultThreshold = 0.5;

    public static int Run(IReadOnlyDictionary<string, string> flags)
    {
        if (!flags.TryGetValue("kb", out var kb) || (!flags.TryGetValue("cases", out var cases) && !flags.ContainsKey("explain") && !flags.ContainsKey("learn-missed")))
        {
            Console.Error.WriteLine("usage: bot-eval --kb <knowledge-base.json> --cases <eval-cases.json> [--settings <settings.json>] [--threshold <0..1>] [--size <entries for timing>] [--choices [--only <variant name part>]] [--sweep] [--time] [--errors] [--decision <decision-model.json>] [--no-library] [--human-model <0..1>] [--human-model-unnamed <0..1>] [--candidates] [--signals [--model-only]]; bot-eval --kb <knowledge-base.json> --learn-missed <a.json,b.json,...> [--out-of-scope] [--out <new-kb.json>]; bot-eval --kb <knowledge-base.json> --train-decision --cases <a.json,b.json,...> [--out <decision-model.json>]");
            return 2;
        }

        var settingsFile = flags.GetValueOrDefault("settings") ?? SiblingSettings(Resolve(kb));
        var settings = settingsFile is not null
            ? KnowledgeBaseFile.ReadSettings(File.ReadAllText(Resolve(settingsFile)))
            : new KnowledgeSettings(DefaultThreshold, []);
        Console.Error.WriteLine(settingsFile is not null ? $"bot settings: {settingsFile}" : "bot settings: none (threshold 0.5, no synonyms)");
        if (flags.TryGetValue("threshold", out var threshold))
        {
            settings = settings with { Threshold = double.Parse(threshold, CultureInfo.InvariantCulture) };
        }

        if (flags.TryGetValue("explain", out var message))
        {
            using var index = new KnowledgeIndex(KnowledgeBaseFile.ReadEntries(File.ReadAllText(Resolve(kb))), settings);
            var detector = new Grid.Pipeline.StopWordLanguageDetector();
            foreach (var line in message.Split('\n'))
            {
                Console.WriteLine(MatchExplanation.Explain(new KnowledgeMatcher(index, detector), detector, line));
            }

            return 0;
        }

        var entries = KnowledgeBaseFile.ReadEntries(File.ReadAllText(Resolve(kb)));
        if (flags.TryGetValue("learn-missed", out var learnFrom))
        {
            return LearnMissed(entries, settings, learnFrom, flags.ContainsKey("out-of-scope"), flags.GetValueOrDefault("out"));
        }

        if (flags.ContainsKey("train-decision"))
        {
            return TrainDecision(entries, settings, cases!, flags.GetValueOrDefault("out"));
        }

        var options = MatcherOptions.Default;
        if (flags.TryGetValue("decision", out var decisionFile))
        {
            options = options with { Decision = true, DecisionModel = DecisionModel.Parse(File.ReadAllText(Resolve(decisionFile))) };
            Console.Error.WriteLine($"decision model: {decisionFile}");
        }

        if (flags.TryGetValue("human-model-unnamed", out var unnamedBar))
        {
            options = options with { HumanModelUnnamedBar = double.Parse(unnamedBar, CultureInfo.InvariantCulture) };
        }

        if (flags.TryGetValue("human-model", out var humanBar))
        {
            options = options with { HumanModelBar = double.Parse(humanBar, CultureInfo.InvariantCulture) };
            Console.Error.WriteLine($"person-request model: a request at {humanBar} when nothing answers");
        }

        if (flags.ContainsKey("no-library"))
        {
            options = options with { Library = false };
            Console.Error.WriteLine("phrasing library: off");
        }

        var size = flags.TryGetValue("size", out var sizeText) ? int.Parse(sizeText, CultureInfo.InvariantCulture) : 500;
        var evaluation = new BotEvaluation(entries, settings, KnowledgeBaseFile.ReadCases(File.ReadAllText(Resolve(cases!))), options);
        Console.Write(
            flags.ContainsKey("choices") ? evaluation.Compare([.. BotEvaluation.Choices.Where(c => !flags.TryGetValue("only", out var only) || c.Name == "shipped" || c.Name.Contains(only, StringComparison.Ordinal))])
            : flags.ContainsKey("errors") ? evaluation.Errors()
            : flags.ContainsKey("candidates") ? evaluation.Candidates()
            : flags.ContainsKey("signals") ? (flags.ContainsKey("model-only") ? evaluation.ModelSignals() : evaluation.Signals())
            : flags.ContainsKey("time") ? string.Create(CultureInfo.InvariantCulture, $"{evaluation.Time(size)}\n")
            : flags.ContainsKey("sweep") ? evaluation.Sweep(Enumerable.Range(0, 19).Select(i => i * 0.05))
            : evaluation.Report(size));
        return 0;
    }

    /// <summary>
    /// <c>--train-decision --cases A.json,B.json --out decision-model.json</c>: learns the decision (<see cref="DecisionModel"/>)
    /// from the labelled messages of the listed sets over this base, and writes it (to standard output without --out).
    /// </summary>
    private static int TrainDecision(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, string cases, string? output)
    {
        var files = Files(cases);
        var rows = new List<(float[] Features, bool Right)>();
        foreach (var file in files)
        {
            var set = new BotEvaluation(entries, settings, KnowledgeBaseFile.ReadCases(File.ReadAllText(Resolve(file)))).DecisionRows();
            Console.Error.WriteLine($"{file}: {set.Count} rows, {set.Count(r => r.Right)} right");
            rows.AddRange(set);
        }

        var model = DecisionModel.Train(rows, [.. files.Select(Path.GetFileName).OfType<string>()]);
        if (output is null)
        {
            Console.WriteLine(model.ToJson());
        }
        else
        {
            File.WriteAllText(output, model.ToJson() + "\n");
            Console.Error.WriteLine($"decision model written to {output}");
        }

        return 0;
    }

    /// <summary>
    /// <c>--learn-missed A.json,B.json [--out-of-scope] --out NEW-kb.json</c>: the base with the messages of the listed
    /// sets it misses added as phrasings (<see cref="MissedPhrasings"/>), written as an import document.
    /// </summary>
    private static int LearnMissed(IReadOnlyList<KnowledgeEntry> entries, KnowledgeSettings settings, string cases, bool outOfScope, string? output)
    {
        var files = Files(cases);
        var sets = files.Select(f => KnowledgeBaseFile.ReadCases(File.ReadAllText(Resolve(f)))).ToList();
        var (learnt, added, addedOutOfScope) = MissedPhrasings.Learn(entries, settings, sets, outOfScope);
        Console.Error.WriteLine($"{added} missed messages added to their entries, {addedOutOfScope} answered uncovered ones to the out-of-scope entry, from {files.Length} sets");
        var json = KnowledgeJson.Write(learnt) + "\n";
        if (output is null)
        {
            Console.Write(json);
        }
        else
        {
            File.WriteAllText(output, json);
        }

        return 0;
    }

    /// <summary>The files of a comma-separated list ("a.json, b.json").</summary>
    private static string[] Files(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The settings beside a knowledge base named "NAME-kb.json": "NAME-settings.json", when it exists.</summary>
    private static string? SiblingSettings(string kb)
    {
        var name = Path.GetFileName(kb);
        if (!name.EndsWith("-kb.json", StringComparison.Ordinal))
        {
            return null;
        }

        var sibling = Path.Combine(Path.GetDirectoryName(kb) ?? "", name[..^"-kb.json".Length] + "-settings.json");
        return File.Exists(sibling) ? sibling : null;
    }

    /// <summary>
    /// A relative path as given, or else from the nearest parent directory where it exists: <c>dotnet run</c> starts
    /// the program in the project's directory, so paths written from the repository's root are found too.
    /// </summary>
    internal static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory).Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, path);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }
}
