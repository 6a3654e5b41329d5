using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Storage;

/// <summary>How journal entries and outbound messages are stored as JSON in their tables' body column.</summary>
internal static class JournalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new FormatException($"A stored {typeof(T).Name} is empty.");
}
