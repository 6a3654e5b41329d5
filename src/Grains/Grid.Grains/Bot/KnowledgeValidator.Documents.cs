using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Grid.Bot.KnowledgeLimits;

namespace Grid.Bot;

/// <summary>The import and settings documents: read as JSON, checked entry by entry, problems naming the entry's index.</summary>
internal static partial class KnowledgeValidator
{
    /// <summary>
    /// Reads and checks an import document: at most <see cref="KnowledgeLimits.MaxDocumentBytes"/>, a JSON array of at
    /// most <see cref="KnowledgeLimits.MaxEntries"/> entries, each valid, ids unique. A problem with an entry names its
    /// index. <paramref name="entries"/> holds the entries, in document order, only when there is no problem.
    /// </summary>
    public static KnowledgeProblem? Document(string? document, out IReadOnlyList<KnowledgeEntry> entries)
    {
        entries = [];
        if (string.IsNullOrWhiteSpace(document))
        {
            return KnowledgeProblem.Invalid("document", "document is empty: send a JSON array of entries ([{\"id\": …, \"questions\": {…}, \"answers\": {…}}, …])");
        }

        var bytes = Encoding.UTF8.GetByteCount(document);
        if (bytes > MaxDocumentBytes)
        {
            return KnowledgeProblem.Limit("document", $"the document is {bytes} bytes of UTF-8; the limit is {MaxDocumentBytes} (4 MB): import it in parts, without replace_all");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document, KnowledgeJson.ReaderOptions);
        }
        catch (JsonException ex)
        {
            return KnowledgeProblem.Invalid("document", $"the document is not valid JSON: {ex.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return KnowledgeProblem.Invalid("document", $"the document must be a JSON array of entries; it is {KnowledgeJson.Describe(root.ValueKind)}");
            }

            var count = root.GetArrayLength();
            if (count > MaxEntries)
            {
                return KnowledgeProblem.Limit("document", $"the document has {count} entries; a knowledge base holds at most {MaxEntries}");
            }

            var read = new List<KnowledgeEntry>(count);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (KnowledgeJson.ReadEntry(element, out var entry) is { } shape)
                {
                    return AtIndex(index, KnowledgeJson.IdOf(element), shape);
                }

                if (Entry(entry!) is { } bad)
                {
                    return AtIndex(index, entry!.Id, bad);
                }

                if (ids.TryGetValue(entry!.Id, out var first))
                {
                    return AtIndex(index, entry.Id, KnowledgeProblem.Invalid("id", $"id '{entry.Id}' is also the id of the entry at index {first}: ids must be unique"));
                }

                ids[entry.Id] = index;
                read.Add(entry);
                index++;
            }

            entries = read;
            return null;
        }
    }

    /// <summary>Reads and checks bot settings in their JSON form (see <see cref="KnowledgeJson.ReadSettings"/>).</summary>
    public static KnowledgeProblem? SettingsDocument(string document, out KnowledgeSettings? settings)
    {
        settings = null;
        try
        {
            using var json = JsonDocument.Parse(document, KnowledgeJson.ReaderOptions);
            if (KnowledgeJson.ReadSettings(json.RootElement, out var read) is { } shape)
            {
                return shape;
            }

            if (Settings(read!) is { } bad)
            {
                return bad;
            }

            settings = read;
            return null;
        }
        catch (JsonException ex)
        {
            return KnowledgeProblem.Invalid("settings", $"the settings are not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A problem of the entry at <paramref name="index"/> of a document, naming the index (and the id when it is one).</summary>
    private static KnowledgeProblem AtIndex(int index, string? id, KnowledgeProblem problem)
    {
        var named = id is not null && IsSlug(id, MaxIdLength) ? $" (id '{id}')" : "";
        return problem with
        {
            Field = $"[{index}].{problem.Field}",
            Index = index,
            Message = $"entry at index {index}{named}: {problem.Message}",
        };
    }
}
