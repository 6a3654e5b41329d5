namespace Grid.CustomerDirectory;

/// <summary>
/// What a tenant's CRM and billing systems know of one customer, as imported over <c>DirectoryService</c>: the same
/// customer as the one inbound messages create (its id is the Grid customer id), with the contacts whose addresses
/// resolve to it and the references (invoices, contracts, orders, the account number) that identify it in a message;
/// for proactive pushes, the channels it consented to (lower-case channel names), the one it prefers, its IANA time zone
/// and whether it unsubscribed.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryCustomer")]
public sealed record DirectoryCustomer(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Company,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? AccountNumber,
    [property: Id(4)] string? Tier,
    [property: Id(5)] IReadOnlyList<string> Tags,
    [property: Id(6)] IReadOnlyList<string> EmailDomains,
    [property: Id(7)] IReadOnlyList<DirectoryContact> Contacts,
    [property: Id(8)] IReadOnlyList<DirectoryInvoice> Invoices,
    [property: Id(9)] IReadOnlyList<string> Contracts,
    [property: Id(10)] IReadOnlyList<string> Orders,
    [property: Id(11)] string? Language = null,
    [property: Id(12)] string? Country = null,
    [property: Id(13)] IReadOnlyList<string>? Consent = null,
    [property: Id(14)] string? PreferredChannel = null,
    [property: Id(15)] string? TimeZone = null,
    [property: Id(16)] bool Unsubscribed = false)
{
    /// <summary>The name to show: the company, else the person's name.</summary>
    public string DisplayName => Company ?? Name ?? Id;
}

/// <summary>A person at a customer: an email and a phone (normalised: lower-case email, E.164 phone), either optional.</summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryContact")]
public sealed record DirectoryContact(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone);

/// <summary>An invoice of the customer: its number as billing writes it, the amount and its currency, the date.</summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryInvoice")]
public sealed record DirectoryInvoice(
    [property: Id(0)] string Number,
    [property: Id(1)] decimal? Amount,
    [property: Id(2)] string? Currency,
    [property: Id(3)] DateOnly? Date);

/// <summary>What an import did: customers created, changed and left as they were, and the addresses it linked.</summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryImportSummary")]
public sealed record DirectoryImportSummary(
    [property: Id(0)] int Customers,
    [property: Id(1)] int Created,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] int AddressesLinked,
    [property: Id(5)] int CustomersMerged);

/// <summary>A page of the directory, by customer id.</summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryPage")]
public sealed record DirectoryPage(
    [property: Id(0)] IReadOnlyList<DirectoryCustomer> Customers,
    [property: Id(1)] string? NextAfter);
