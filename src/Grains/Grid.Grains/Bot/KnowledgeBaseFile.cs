using System.Text.Json;

namespace Grid.Bot;

/// <summary>
/// Reads knowledge bases, bot settings and evaluation cases from their JSON form (the import/export format of
/// <see cref="KnowledgeEntry"/>), from a file or from the resources shipped with the grains (<c>Bot/Data</c>).
/// </summary>
internal static class KnowledgeBaseFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyList<KnowledgeEntry> ReadEntries(string json) =>
        JsonSerializer.Deserialize<List<KnowledgeEntry>>(json, Json) ?? throw new InvalidDataException("The knowledge base is empty.");

    public static KnowledgeSettings ReadSettings(string json) =>
        JsonSerializer.Deserialize<KnowledgeSettings>(json, Json) ?? throw new InvalidDataException("The bot settings are empty.");

    public static IReadOnlyList<EvaluationCase> ReadCases(string json) =>
        JsonSerializer.Deserialize<List<EvaluationCase>>(json, Json) ?? throw new InvalidDataException("The evaluation set is empty.");

    /// <summary>A JSON file shipped in <c>Bot/Data</c> (e.g. "demo-kb.json", "eval-cases.json").</summary>
    public static string Resource(string name)
    {
        using var stream = typeof(KnowledgeBaseFile).Assembly.GetManifestResourceStream($"Grid.Bot.{name}")
            ?? throw new FileNotFoundException($"No bot resource named '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
