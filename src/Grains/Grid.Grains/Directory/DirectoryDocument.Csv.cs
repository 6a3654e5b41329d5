using Grid.Triage;

namespace Grid.CustomerDirectory;

/// <summary>The CSV form of a directory import: a row per customer, contact, invoice, contract or order.</summary>
internal static partial class DirectoryDocument
{
    private static List<Draft> ParseCsv(string document)
    {
        if (document.Length > 0 && document[0] == '\uFEFF')
        {
            document = document[1..];
        }

        List<(int Line, List<string> Fields)> records;
        string[] header = [];
        try
        {
            records = [.. TriageCsv.Records(document, n => n - 1 < header.Length ? header[n - 1] : $"field{n}")];
        }
        catch (TriageRuleException e)
        {
            throw Invalid(e.Message);
        }

        if (records.Count == 0)
        {
            throw Invalid("line 1: the file is empty; its first line names the columns (record,customer_id,company,…)");
        }

        header = [.. records[0].Fields.Select(f => f.Trim().ToLowerInvariant())];
        for (var i = 0; i < header.Length; i++)
        {
            if (!CsvColumns.Contains(header[i]))
            {
                throw Invalid($"line 1, field {header[i]}: unknown column; the columns are {string.Join(",", CsvColumns)}");
            }

            if (System.Array.IndexOf(header, header[i]) != i)
            {
                throw Invalid($"line 1, field {header[i]}: the column appears twice");
            }
        }

        foreach (var required in new[] { "record", "customer_id" })
        {
            if (!header.Contains(required))
            {
                throw Invalid($"line 1, field {required}: the column is required");
            }
        }

        var drafts = new Dictionary<string, Draft>(StringComparer.Ordinal);
        var order = new List<Draft>();
        var pending = new List<(int Line, Dictionary<string, string> Row)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Length)
            {
                throw Invalid($"line {line}, field record: {fields.Count} fields where the header has {header.Length}; quote a value holding commas");
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = fields[i].Trim();
            }

            var kind = row["record"].ToLowerInvariant();
            if (kind == "customer")
            {
                var where = $"line {line}";
                var draft = new Draft(where);
                draft.SetId(row["customer_id"], $"{where}, field customer_id");
                if (drafts.TryGetValue(draft.Id!, out var first))
                {
                    throw Invalid($"{where}, field customer_id: customer '{draft.Id}' has its customer row on {first.Where} already");
                }

                draft.Company = Text(Get(row, "company"), $"{where}, field company", 200);
                draft.Name = Text(Get(row, "name"), $"{where}, field name", 200);
                draft.SetAccount(Get(row, "account_number"), $"{where}, field account_number");
                draft.SetTier(Get(row, "tier"), $"{where}, field tier");
                draft.SetLanguage(Get(row, "language"), $"{where}, field language");
                draft.SetCountry(Get(row, "country"), $"{where}, field country");
                foreach (var tag in List(Get(row, "tags")))
                {
                    draft.AddTag(tag, $"{where}, field tags");
                }

                foreach (var channel in List(Get(row, "consent")))
                {
                    draft.AddConsent(channel, $"{where}, field consent");
                }

                draft.SetPreferredChannel(Get(row, "preferred_channel"), $"{where}, field preferred_channel");
                draft.SetTimeZone(Get(row, "time_zone"), $"{where}, field time_zone");
                draft.SetUnsubscribed(Get(row, "unsubscribed"), $"{where}, field unsubscribed");
                foreach (var domain in List(Get(row, "email_domains")))
                {
                    draft.AddDomain(domain, $"{where}, field email_domains");
                }

                drafts[draft.Id!] = draft;
                order.Add(draft);
            }
            else if (kind is "contact" or "invoice" or "contract" or "order")
            {
                pending.Add((line, row));
            }
            else
            {
                throw Invalid($"line {line}, field record: '{row["record"]}' is not a record type; use customer, contact, invoice, contract or order");
            }
        }

        // Contacts and references may come before their customer's row; they are attached once every customer is known.
        foreach (var (line, row) in pending)
        {
            var where = $"line {line}";
            var id = row["customer_id"];
            if (!drafts.TryGetValue(id, out var draft))
            {
                throw Invalid($"{where}, field customer_id: no customer row for '{id}' in this file; each customer is imported whole, with a \"customer\" row");
            }

            switch (row["record"].ToLowerInvariant())
            {
                case "contact":
                    draft.AddContact(Empty(Get(row, "contact_name")), Empty(Get(row, "email")), Empty(Get(row, "phone")), where, csv: true);
                    break;
                case "invoice":
                    draft.AddInvoice(Get(row, "number"), Empty(Get(row, "amount")), Empty(Get(row, "currency")), Empty(Get(row, "date")), where, csv: true);
                    break;
                case "contract":
                    draft.AddReference(draft.Contracts, Get(row, "number"), $"{where}, field number");
                    break;
                default:
                    draft.AddReference(draft.Orders, Get(row, "number"), $"{where}, field number");
                    break;
            }
        }

        foreach (var draft in order)
        {
            draft.Check();
        }

        return order;
    }

    private static string? Get(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IEnumerable<string> List(string? value) =>
        value is null ? [] : value.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
