using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Grid.Bot;

/// <summary>
/// The JSON form of entries, for import and export (see <see cref="KnowledgeEntry"/>):
/// <c>{"id", "tags": [..], "questions": {"fr": [..]}, "answers": {"fr": ".."}, "flow": {"slots": [{"name", "prompt": {..},
/// "pattern", "normalize", "invalid": {..}}], "confirm": {..}, "end", "queue"} | null}</c>. Reading checks shapes only
/// (objects, arrays, strings, known properties), naming the field; <see cref="KnowledgeValidator"/> checks the rest.
/// </summary>
internal static class KnowledgeJson
{
    public static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 16 };

    // Indented for people and diffs; accents and quotes kept as they are (an export is a file, never HTML).
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] EntryProperties = ["id", "tags", "questions", "answers", "flow"];
    private static readonly string[] FlowProperties = ["slots", "confirm", "end", "queue"];
    private static readonly string[] SlotProperties = ["name", "prompt", "pattern", "normalize", "invalid"];
    private static readonly string[] SettingsProperties = ["threshold", "defaultLanguage", "synonyms", "outOfScope"];

    /// <summary>The entries as a JSON array, UTF-8 encoded.</summary>
    public static byte[] WriteUtf8(IEnumerable<KnowledgeEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                Write(writer, entry);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The entries as a JSON array.</summary>
    public static string Write(IEnumerable<KnowledgeEntry> entries) => Encoding.UTF8.GetString(WriteUtf8(entries));

    /// <summary>Reads one entry of a document; a problem (field relative to the entry) when its shape is wrong.</summary>
    public static KnowledgeProblem? ReadEntry(JsonElement element, out KnowledgeEntry? entry)
    {
        try
        {
            entry = Entry(element);
            return null;
        }
        catch (ShapeException shape)
        {
            entry = null;
            return KnowledgeProblem.Invalid(shape.Field, shape.Message);
        }
    }

    /// <summary>
    /// Reads bot settings in their JSON form, <c>{"threshold": 0.5, "defaultLanguage": "fr", "synonyms": [["facture", "bill"]]}</c>;
    /// a problem when its shape is wrong.
    /// </summary>
    public static KnowledgeProblem? ReadSettings(JsonElement element, out KnowledgeSettings? settings)
    {
        try
        {
            var properties = Properties(element, "settings", SettingsProperties, "settings have threshold, defaultLanguage, synonyms and outOfScope");
            var threshold = 0.0;
            if (properties.TryGetValue("threshold", out var value))
            {
                Expect(value, JsonValueKind.Number, "threshold", "a number");
                threshold = value.GetDouble();
            }

            var groups = new List<IReadOnlyList<string>>();
            if (properties.TryGetValue("synonyms", out var synonyms) && synonyms.ValueKind != JsonValueKind.Null)
            {
                Expect(synonyms, JsonValueKind.Array, "synonyms", "an array of groups of words");
                var i = 0;
                foreach (var group in synonyms.EnumerateArray())
                {
                    groups.Add(StringArray(group, $"synonyms[{i++}]"));
                }
            }

            IReadOnlyList<string>? outOfScope = properties.TryGetValue("outOfScope", out var terms) && terms.ValueKind != JsonValueKind.Null
                ? StringArray(terms, "outOfScope")
                : null;
            settings = new KnowledgeSettings(threshold, groups, String(properties, "defaultLanguage", "defaultLanguage") ?? "", outOfScope);
            return null;
        }
        catch (ShapeException shape)
        {
            settings = null;
            return KnowledgeProblem.Invalid(shape.Field, shape.Message);
        }
    }

    /// <summary>The "id" of an element when it is an object with a string id (to name a refused entry), else null.</summary>
    public static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>How a message names a JSON value's kind.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static KnowledgeEntry Entry(JsonElement element)
    {
        var properties = Properties(element, "entry", EntryProperties, "an entry has id, tags, questions, answers and flow");
        return new KnowledgeEntry(
            String(properties, "id", "id") ?? "",
            Strings(properties, "tags", "tags") ?? [],
            Phrasings(properties),
            Texts(properties, "answers", "answers") ?? new Dictionary<string, string>(StringComparer.Ordinal),
            properties.TryGetValue("flow", out var flow) && flow.ValueKind != JsonValueKind.Null ? Flow(flow) : null);
    }

    private static KnowledgeFlow Flow(JsonElement element)
    {
        var properties = Properties(element, "flow", FlowProperties, "a flow has slots, confirm, end and queue");
        var slots = new List<FlowSlot>();
        if (properties.TryGetValue("slots", out var array) && array.ValueKind != JsonValueKind.Null)
        {
            Expect(array, JsonValueKind.Array, "flow.slots", "an array of slots");
            var i = 0;
            foreach (var slot in array.EnumerateArray())
            {
                slots.Add(Slot(slot, $"flow.slots[{i++}]"));
            }
        }

        return new KnowledgeFlow(slots, Texts(properties, "confirm", "flow.confirm"), String(properties, "end", "flow.end") ?? "", String(properties, "queue", "flow.queue"));
    }

    private static FlowSlot Slot(JsonElement element, string field)
    {
        var properties = Properties(element, field, SlotProperties, "a slot has name, prompt, pattern, normalize and invalid");
        return new FlowSlot(
            String(properties, "name", $"{field}.name") ?? "",
            Texts(properties, "prompt", $"{field}.prompt") ?? new Dictionary<string, string>(StringComparer.Ordinal),
            String(properties, "pattern", $"{field}.pattern"),
            String(properties, "normalize", $"{field}.normalize"),
            Texts(properties, "invalid", $"{field}.invalid"));
    }

    private static Dictionary<string, IReadOnlyList<string>> Phrasings(Dictionary<string, JsonElement> properties)
    {
        var questions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!properties.TryGetValue("questions", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return questions;
        }

        Expect(element, JsonValueKind.Object, "questions", "an object of phrasings per language ({\"fr\": [\"…\"], \"en\": [\"…\"]})");
        foreach (var language in Unique(element, "questions"))
        {
            questions[language.Name] = StringArray(language.Value, $"questions.{KnowledgeText.Quote(language.Name)}");
        }

        return questions;
    }

    private static Dictionary<string, string>? Texts(Dictionary<string, JsonElement> properties, string name, string field)
    {
        if (!properties.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(element, JsonValueKind.Object, field, "an object of texts per language ({\"fr\": \"…\", \"en\": \"…\"})");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Unique(element, field))
        {
            var at = $"{field}.{KnowledgeText.Quote(language.Name)}";
            Expect(language.Value, JsonValueKind.String, at, "a string");
            texts[language.Name] = language.Value.GetString()!;
        }

        return texts;
    }

    private static string? String(Dictionary<string, JsonElement> properties, string name, string field)
    {
        if (!properties.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(element, JsonValueKind.String, field, "a string");
        return element.GetString();
    }

    private static List<string>? Strings(Dictionary<string, JsonElement> properties, string name, string field) =>
        properties.TryGetValue(name, out var element) && element.ValueKind != JsonValueKind.Null ? StringArray(element, field) : null;

    private static List<string> StringArray(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.Array, field, "an array of strings");
        var strings = new List<string>(element.GetArrayLength());
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            Expect(item, JsonValueKind.String, $"{field}[{i++}]", "a string");
            strings.Add(item.GetString()!);
        }

        return strings;
    }

    /// <summary>An object's properties by name: each known, none twice.</summary>
    private static Dictionary<string, JsonElement> Properties(JsonElement element, string field, string[] known, string expected)
    {
        Expect(element, JsonValueKind.Object, field, "an object");
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in Unique(element, field))
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var name = KnowledgeText.Quote(property.Name);
                throw new ShapeException(field == "entry" ? name : $"{field}.{name}", $"{(field == "entry" ? "the entry" : field)} has an unknown property '{name}' ({expected})");
            }

            properties[property.Name] = property.Value;
        }

        return properties;
    }

    /// <summary>An object's properties, refusing a name given twice (a JSON reader would silently keep one of them).</summary>
    private static IEnumerable<JsonProperty> Unique(JsonElement element, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new ShapeException(field, $"{(field == "entry" ? "the entry" : field)} has the property '{KnowledgeText.Quote(property.Name)}' twice");
            }

            yield return property;
        }
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string field, string expected)
    {
        if (element.ValueKind != kind)
        {
            throw new ShapeException(field, $"{(field == "entry" ? "the entry" : field)} must be {expected}; it is {Describe(element.ValueKind)}");
        }
    }

    private static void Write(Utf8JsonWriter writer, KnowledgeEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteStartArray("tags");
        foreach (var tag in entry.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("questions");
        foreach (var (language, phrasings) in entry.Questions)
        {
            writer.WriteStartArray(language);
            foreach (var phrasing in phrasings)
            {
                writer.WriteStringValue(phrasing);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        WriteTexts(writer, "answers", entry.Answers);
        if (entry.Flow is { } flow)
        {
            writer.WriteStartObject("flow");
            writer.WriteStartArray("slots");
            foreach (var slot in flow.Slots)
            {
                writer.WriteStartObject();
                writer.WriteString("name", slot.Name);
                WriteTexts(writer, "prompt", slot.Prompt);
                WriteIfSet(writer, "pattern", slot.Pattern);
                WriteIfSet(writer, "normalize", slot.Normalize);
                if (slot.Invalid is { } invalid)
                {
                    WriteTexts(writer, "invalid", invalid);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (flow.Confirm is { } confirm)
            {
                WriteTexts(writer, "confirm", confirm);
            }

            writer.WriteString("end", flow.End);
            WriteIfSet(writer, "queue", flow.Queue);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("flow");
        }

        writer.WriteEndObject();
    }

    private static void WriteTexts(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> texts)
    {
        writer.WriteStartObject(name);
        foreach (var (language, text) in texts)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A shape error while reading one entry; turned into a <see cref="KnowledgeProblem"/> by <see cref="ReadEntry"/>.</summary>
    private sealed class ShapeException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
