using System.Globalization;
using System.Text.Json;

namespace Grid.CustomerDirectory;

/// <summary>The JSON form of a directory import, and reading its values field by field.</summary>
internal static partial class DirectoryDocument
{
    private static List<Draft> ParseJson(string document)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw Invalid($"document: not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message.Split('.')[0]}");
        }

        using (json)
        {
            var root = json.RootElement;
            var list = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("customers", out var inner) && inner.ValueKind == JsonValueKind.Array => inner,
                _ => throw Invalid("document: a JSON array of customers, or an object with a \"customers\" array, is expected"),
            };
            var drafts = new List<Draft>();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var where = $"customers[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid($"{where}: a customer is a JSON object");
                }

                var draft = new Draft(where);
                foreach (var property in item.EnumerateObject())
                {
                    var field = $"{where}.{property.Name}";
                    switch (Canonical(property.Name))
                    {
                        case "id":
                            draft.SetId(String(property.Value, field), field);
                            break;
                        case "company":
                            draft.Company = Text(String(property.Value, field), field, 200);
                            break;
                        case "name":
                            draft.Name = Text(String(property.Value, field), field, 200);
                            break;
                        case "accountnumber":
                            draft.SetAccount(String(property.Value, field), field);
                            break;
                        case "tier":
                            draft.SetTier(String(property.Value, field), field);
                            break;
                        case "language":
                            draft.SetLanguage(String(property.Value, field), field);
                            break;
                        case "country":
                            draft.SetCountry(String(property.Value, field), field);
                            break;
                        case "tags":
                            foreach (var (value, at) in Strings(property.Value, field))
                            {
                                draft.AddTag(value, at);
                            }

                            break;
                        case "consent":
                            foreach (var (value, at) in Strings(property.Value, field))
                            {
                                draft.AddConsent(value, at);
                            }

                            break;
                        case "preferredchannel":
                            draft.SetPreferredChannel(String(property.Value, field), field);
                            break;
                        case "timezone":
                            draft.SetTimeZone(String(property.Value, field), field);
                            break;
                        case "unsubscribed":
                            draft.SetUnsubscribed(property.Value.ValueKind switch
                            {
                                JsonValueKind.True => "true",
                                JsonValueKind.False => "false",
                                _ => String(property.Value, field),
                            }, field);
                            break;
                        case "emaildomains":
                            foreach (var (value, at) in Strings(property.Value, field))
                            {
                                draft.AddDomain(value, at);
                            }

                            break;
                        case "contacts":
                            var c = 0;
                            foreach (var contact in Array(property.Value, field))
                            {
                                var at = $"{field}[{c++}]";
                                if (contact.ValueKind != JsonValueKind.Object)
                                {
                                    throw Invalid($"{at}: a contact is a JSON object with name, email and phone");
                                }

                                draft.AddContact(Optional(contact, "name", at), Optional(contact, "email", at), Optional(contact, "phone", at), at);
                            }

                            break;
                        case "invoices":
                            var n = 0;
                            foreach (var invoice in Array(property.Value, field))
                            {
                                var at = $"{field}[{n++}]";
                                if (invoice.ValueKind == JsonValueKind.String)
                                {
                                    draft.AddInvoice(invoice.GetString(), null, null, null, at);
                                    continue;
                                }

                                if (invoice.ValueKind != JsonValueKind.Object)
                                {
                                    throw Invalid($"{at}: an invoice is a JSON object with number, amount, currency and date");
                                }

                                var amount = invoice.TryGetProperty("amount", out var a) && a.ValueKind != JsonValueKind.Null
                                    ? (a.ValueKind == JsonValueKind.Number && a.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : throw Invalid($"{at}.amount: a number is expected"))
                                    : null;
                                draft.AddInvoice(Optional(invoice, "number", at), amount, Optional(invoice, "currency", at), Optional(invoice, "date", at), at);
                            }

                            break;
                        case "contracts":
                            foreach (var (value, at) in Strings(property.Value, field))
                            {
                                draft.AddReference(draft.Contracts, value, at);
                            }

                            break;
                        case "orders":
                            foreach (var (value, at) in Strings(property.Value, field))
                            {
                                draft.AddReference(draft.Orders, value, at);
                            }

                            break;
                        default:
                            throw Invalid($"{field}: unknown field; a customer has id, company, name, account_number, tier, tags, email_domains, language, country, consent, preferred_channel, time_zone, unsubscribed, contacts, invoices, contracts, orders");
                    }
                }

                draft.Check();
                if (seen.TryGetValue(draft.Id!, out var first))
                {
                    throw Invalid($"{where}.id: '{draft.Id}' is also {first}; a customer appears once per import");
                }

                seen[draft.Id!] = where;
                drafts.Add(draft);
            }

            return drafts;
        }
    }

    private static string Canonical(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string? String(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw Invalid($"{field}: a string is expected"),
    };

    private static string? Optional(JsonElement item, string name, string where)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (Canonical(property.Name) == Canonical(name))
            {
                return String(property.Value, $"{where}.{name}");
            }
        }

        return null;
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Invalid($"{field}: a JSON array is expected");

    private static IEnumerable<(string Value, string Field)> Strings(JsonElement value, string field)
    {
        var i = 0;
        foreach (var item in Array(value, field))
        {
            var at = $"{field}[{i++}]";
            yield return (item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid($"{at}: a string is expected"), at);
        }
    }
}
