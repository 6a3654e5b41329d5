using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grid.Triage;

namespace Grid.CustomerDirectory;

/// <summary>
/// Reads a directory import (JSON or CSV, docs/triage.md "The customer directory") into validated customers, or refuses
/// the whole document with a <see cref="DirectoryRuleException"/> whose message names the entry or line and the field
/// (<c>customers[3].contacts[0].email: …</c>, <c>line 7, field email: …</c>) and says what to fix. Pure.
/// </summary>
internal static partial class DirectoryDocument
{
    public const int MaxCustomers = 10_000;
    public const int MaxContacts = 100;
    public const int MaxReferences = 5_000;
    public const int MaxListItems = 20;
    public const int MaxDocumentChars = 16 * 1024 * 1024;

    /// <summary>The CSV columns, in the order the docs give them; a file may hold any subset in any order, with "record" and "customer_id".</summary>
    public static readonly string[] CsvColumns =
    [
        "record", "customer_id", "company", "name", "account_number", "tier", "tags", "email_domains", "language", "country",
        "contact_name", "email", "phone", "number", "amount", "currency", "date",
    ];

    /// <summary>Public mail providers: a domain anyone can write from never identifies a customer.</summary>
    private static readonly HashSet<string> PublicDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com",
        "yahoo.com", "yahoo.fr", "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.fr", "proton.me", "protonmail.com",
        "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "bbox.fr", "neuf.fr", "skynet.be", "telenet.be", "btinternet.com",
        "sky.com", "virginmedia.com", "mail.com", "yandex.com",
    };

    public static bool IsPublicDomain(string domain) => PublicDomains.Contains(domain);

    public static IReadOnlyList<DirectoryCustomer> Parse(string format, string document)
    {
        if (document.Length > MaxDocumentChars)
        {
            throw Limit($"document: {document.Length} characters, more than the {MaxDocumentChars} a call takes; import in several calls");
        }

        var customers = format.ToLowerInvariant() switch
        {
            "json" => ParseJson(document),
            "csv" => ParseCsv(document),
            _ => throw Invalid($"format: '{format}' is not a directory format; use \"json\" or \"csv\""),
        };
        if (customers.Count == 0)
        {
            throw Invalid("document: no customer in it");
        }

        if (customers.Count > MaxCustomers)
        {
            throw Limit($"document: {customers.Count} customers, more than the {MaxCustomers} one call takes; import in several calls");
        }

        CheckOwnership(customers);
        return [.. customers.Select(c => c.Build())];
    }

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
                            throw Invalid($"{field}: unknown field; a customer has id, company, name, account_number, tier, tags, email_domains, language, country, contacts, invoices, contracts, orders");
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

    /// <summary>An address is one customer's: a contact's email or phone under two customers of one import is refused.</summary>
    private static void CheckOwnership(List<Draft> customers)
    {
        var owners = new Dictionary<string, (string Customer, string Where)>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            foreach (var (address, where) in customer.Addresses)
            {
                if (owners.TryGetValue(address, out var owner) && owner.Customer != customer.Id)
                {
                    throw Invalid($"{where}: the address is also a contact of customer '{owner.Customer}' ({owner.Where}); an address belongs to one customer");
                }

                owners[address] = (customer.Id!, where);
            }
        }
    }

    /// <summary>A customer being read: each setter validates and names the field at fault.</summary>
    private sealed class Draft(string where)
    {
        public string Where { get; } = where;

        public string? Id { get; private set; }

        public string? Company { get; set; }

        public string? Name { get; set; }

        private string? account;
        private string? tier;
        private string? language;
        private string? country;
        private readonly List<string> tags = [];
        private readonly List<string> domains = [];
        private readonly List<DirectoryContact> contacts = [];
        private readonly List<DirectoryInvoice> invoices = [];
        private readonly HashSet<string> numbers = new(StringComparer.Ordinal);

        public List<string> Contracts { get; } = [];

        public List<string> Orders { get; } = [];

        /// <summary>Contacts' normalised addresses and where each was given.</summary>
        public List<(string Address, string Where)> Addresses { get; } = [];

        /// <summary>Phones in national form wait for the country (a CSV gives it on the customer row, maybe later).</summary>
        private readonly List<(string? Name, string? Email, string Phone, string Where)> nationalPhones = [];

        public void SetId(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Invalid($"{field}: required (the customer's id in your CRM, e.g. \"C-1001\")");
            }

            if (!CustomerIds.IsValid(value))
            {
                throw Invalid($"{field}: '{Shorten(value)}' is not a customer id; use {CustomerIds.Rule}");
            }

            Id = value;
        }

        public void SetAccount(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            account = Reference(value, field);
        }

        public void SetTier(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            tier = Slug().IsMatch(value) ? value : throw Invalid($"{field}: '{Shorten(value)}' is not a tier; use lower-case letters, digits, '.', '_' or '-' (at most 64), e.g. \"key-account\"");
        }

        public void SetLanguage(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            language = LanguageCode().IsMatch(value) ? value.ToLowerInvariant() : throw Invalid($"{field}: '{Shorten(value)}' is not a language; use a two-letter code (\"fr\", \"en\")");
        }

        public void SetCountry(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            country = CountryCode().IsMatch(value) ? value.ToUpperInvariant() : throw Invalid($"{field}: '{Shorten(value)}' is not a country; use a two-letter ISO 3166 code, optionally with a subdivision (\"FR\", \"GB\", \"CA-QC\")");
        }

        public void AddTag(string value, string field)
        {
            var tag = Text(value, field, 64) ?? throw Invalid($"{field}: an empty tag");
            if (tags.Count >= MaxListItems)
            {
                throw Limit($"{field}: more than {MaxListItems} tags");
            }

            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        public void AddDomain(string value, string field)
        {
            var domain = value.Trim().TrimStart('@').ToLowerInvariant();
            if (!DomainName().IsMatch(domain))
            {
                throw Invalid($"{field}: '{Shorten(value)}' is not an email domain (e.g. \"example.fr\")");
            }

            if (IsPublicDomain(domain))
            {
                throw Invalid($"{field}: '{domain}' is a public mail provider, anyone can write from it: it cannot identify a customer; list the customer's own domains only");
            }

            if (domains.Count >= MaxListItems)
            {
                throw Limit($"{field}: more than {MaxListItems} email domains");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        public void AddContact(string? name, string? email, string? phone, string where, bool csv = false)
        {
            string Field(string f) => csv ? $"{where}, field {(f == "name" ? "contact_name" : f)}" : $"{where}.{f}";
            if (contacts.Count + nationalPhones.Count >= MaxContacts)
            {
                throw Limit($"{Field("email")}: more than {MaxContacts} contacts for one customer");
            }

            name = Text(name, Field("name"), 200);
            string? normalizedEmail = null;
            if (!string.IsNullOrWhiteSpace(email))
            {
                var (normalized, error) = Grid.Addresses.Normalize(Channel.Email, email);
                normalizedEmail = normalized ?? throw Invalid($"{Field("email")}: '{Shorten(email)}' is not an email address");
                Addresses.Add(("email:" + normalizedEmail, Field("email")));
            }

            if (string.IsNullOrWhiteSpace(phone))
            {
                if (normalizedEmail is null)
                {
                    throw Invalid($"{Field("email")}: a contact needs an email or a phone");
                }

                contacts.Add(new DirectoryContact(name, normalizedEmail, null));
                return;
            }

            if (phone.TrimStart().StartsWith('+') || phone.TrimStart().StartsWith("00", StringComparison.Ordinal))
            {
                contacts.Add(new DirectoryContact(name, normalizedEmail, Phone(phone, null, Field("phone"))));
                Addresses.Add(("phone:" + contacts[^1].Phone, Field("phone")));
            }
            else
            {
                nationalPhones.Add((name, normalizedEmail, phone, Field("phone")));
            }
        }

        public void AddInvoice(string? number, string? amount, string? currency, string? date, string where, bool csv = false)
        {
            string Field(string f) => csv ? $"{where}, field {f}" : $"{where}.{f}";
            var canonical = AddNumber(number, Field("number"));
            decimal? parsedAmount = null;
            if (amount is not null)
            {
                parsedAmount = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                    ? a
                    : throw Invalid($"{Field("amount")}: '{Shorten(amount)}' is not an amount; write it with a dot for decimals, e.g. 1342.80");
            }

            if (currency is not null && !CurrencyCode().IsMatch(currency))
            {
                throw Invalid($"{Field("currency")}: '{Shorten(currency)}' is not a currency; use a three-letter code (\"EUR\")");
            }

            DateOnly? parsedDate = null;
            if (date is not null)
            {
                parsedDate = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw Invalid($"{Field("date")}: '{Shorten(date)}' is not a date; use YYYY-MM-DD");
            }

            invoices.Add(new DirectoryInvoice(canonical, parsedAmount, currency?.ToUpperInvariant(), parsedDate));
        }

        public void AddReference(List<string> into, string? number, string field) => into.Add(AddNumber(number, field));

        private string AddNumber(string? number, string field)
        {
            if (string.IsNullOrWhiteSpace(number))
            {
                throw Invalid($"{field}: required (the number as your billing system writes it)");
            }

            if (numbers.Count >= MaxReferences)
            {
                throw Limit($"{field}: more than {MaxReferences} invoices, contracts and orders for one customer");
            }

            var value = Reference(number, field);
            numbers.Add(value);
            return value;
        }

        public void Check()
        {
            if (Id is null)
            {
                throw Invalid($"{Where}.id: required (the customer's id in your CRM, e.g. \"C-1001\")");
            }

            if (Company is null && Name is null)
            {
                throw Invalid($"{Where}{(Where.StartsWith("line", StringComparison.Ordinal) ? ", field company" : ".company")}: a customer needs a company or a name");
            }

            foreach (var (name, email, phone, field) in nationalPhones)
            {
                var normalized = Phone(phone, country, field);
                contacts.Add(new DirectoryContact(name, email, normalized));
                Addresses.Add(("phone:" + normalized, field));
            }

            nationalPhones.Clear();
        }

        public DirectoryCustomer Build() => new(
            Id!, Company, Name, account, tier, [.. tags], [.. domains], [.. contacts], [.. invoices], [.. Contracts], [.. Orders], language, country);
    }

    private static string? Get(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IEnumerable<string> List(string? value) =>
        value is null ? [] : value.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Text(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= max && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw Invalid($"{field}: at most {max} characters, without control characters");
    }

    private static string Reference(string value, string field)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 64 || !trimmed.Any(char.IsAsciiLetterOrDigit) || trimmed.Any(char.IsControl))
        {
            throw Invalid($"{field}: '{Shorten(value)}' is not a number; at most 64 characters with letters or digits, e.g. \"INV-2026-00123\"");
        }

        return trimmed.ToUpperInvariant();
    }

    /// <summary>A phone in E.164: international as given (+ or 00), or national with the customer's country.</summary>
    private static string Phone(string value, string? country, string field)
    {
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        var trimmed = value.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')' or '/')))
        {
            throw Invalid($"{field}: '{Shorten(value)}' is not a phone number; write it in international form, e.g. \"+33 3 83 41 22 10\"");
        }

        string e164;
        if (trimmed.StartsWith('+'))
        {
            e164 = "+" + digits;
        }
        else if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            e164 = "+" + digits[2..];
        }
        else if (country is not null && CallingCodes.TryGetValue(country[..2], out var code) && (digits.StartsWith('0') || code == "1"))
        {
            e164 = "+" + code + (code == "1" ? digits.TrimStart('1') : digits[1..]);
        }
        else
        {
            throw Invalid($"{field}: '{Shorten(value)}' is a national number: write it in international form (\"+33 …\") or give the customer's country ({string.Join(", ", CallingCodes.Keys)})");
        }

        return e164.Length - 1 is >= 6 and <= 15 ? e164 : throw Invalid($"{field}: '{Shorten(value)}' has {e164.Length - 1} digits; a phone number has 6 to 15");
    }

    private static readonly Dictionary<string, string> CallingCodes = new(StringComparer.Ordinal)
    {
        ["FR"] = "33", ["BE"] = "32", ["CH"] = "41", ["LU"] = "352", ["GB"] = "44", ["IE"] = "353", ["DE"] = "49", ["ES"] = "34",
        ["IT"] = "39", ["NL"] = "31", ["PT"] = "351", ["MC"] = "377", ["CA"] = "1", ["US"] = "1",
    };

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

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static DirectoryRuleException Invalid(string message) => new(DirectoryRuleException.Invalid, message);

    private static DirectoryRuleException Limit(string message) => new(DirectoryRuleException.LimitReached, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex DomainName();
}
