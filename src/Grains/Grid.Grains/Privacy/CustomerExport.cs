using System.Text;
using System.Text.Json;
using Grid.Bot;
using Grid.Storage;

namespace Grid.Privacy;

/// <summary>
/// The GDPR export document: the customer (and customers merged into it) as Grid's grains hold them, each conversation's
/// state, every row of the journal's database and of the directory naming them (a JSON column is embedded as JSON),
/// and the bot's record of their unanswered questions. Field names are snake_case.
/// </summary>
internal static class CustomerExport
{
    private static readonly JsonSerializerOptions Json = new(JournalJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = Encoder,
    };

    // The document is data for a person to read, not markup: "+33…" stays "+33…", "é" stays "é".
    private static System.Text.Encodings.Web.JavaScriptEncoder Encoder => System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Build(
        string tenant,
        string customerId,
        DateTimeOffset at,
        IReadOnlyList<CustomerView> customers,
        IReadOnlyList<ConversationView> conversations,
        TableRows journalRows,
        TableRows directoryRows,
        IReadOnlyList<UnansweredQuestion> unanswered)
    {
        var tables = new TableRows();
        tables.AddAll(journalRows);
        tables.AddAll(directoryRows);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", "grid.customer-export.v1");
            writer.WriteString("tenant", tenant);
            writer.WriteString("customer_id", customerId);
            writer.WriteString("exported_at", at);
            writer.WritePropertyName("customers");
            JsonSerializer.Serialize(writer, customers, Json);
            writer.WritePropertyName("conversations");
            JsonSerializer.Serialize(writer, conversations, Json);
            writer.WritePropertyName("unanswered_questions");
            JsonSerializer.Serialize(writer, unanswered, Json);
            writer.WriteStartObject("tables");
            foreach (var (table, rows) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                writer.WriteStartArray(table);
                foreach (var row in rows)
                {
                    WriteRow(writer, row);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRow(Utf8JsonWriter writer, Dictionary<string, object?> row)
    {
        writer.WriteStartObject();
        foreach (var (column, value) in row)
        {
            writer.WritePropertyName(column);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text when LooksLikeJson(text) && TryParse(text) is { } element:
                    element.WriteTo(writer); // a JSON column (an event, an outbound message, a record) stays JSON
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case long or int or short or byte:
                    writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                case byte[] bytes:
                    writer.WriteBase64StringValue(bytes);
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static bool LooksLikeJson(string text) => text.Length > 1 && text[0] is '{' or '[';

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
