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
        "consent", "preferred_channel", "time_zone", "unsubscribed", "contact_name", "email", "phone", "number", "amount", "currency", "date",
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
}
