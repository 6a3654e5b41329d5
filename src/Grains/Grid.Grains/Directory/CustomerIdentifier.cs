using System.Globalization;
using Grid.Storage;
using Grid.Triage;

namespace Grid.CustomerDirectory;

/// <summary>
/// Who a message identifies (docs/triage.md, "Identification"), in two pure halves around one directory lookup:
/// <see cref="Keys"/> lists what to look up (the references the tenant's patterns find in the subject, the text and
/// attachment names, and the sender's email domain), <see cref="Decide"/> weighs what the directory answered.
/// <list type="bullet">
/// <item>References first: when every reference that belongs to someone belongs to one customer, that customer, with the
/// strongest kind as evidence (account, invoice, contract, order number). Found in what the sender wrote (the subject,
/// their own text, a forwarded message): confidence 0.95; only in a quoted earlier message or a signature: 0.85. The
/// sender's domain owned by the same customer adds 0.03.</item>
/// <item>References of two or more customers identify nobody (an accountant quoting two clients' invoices).</item>
/// <item>Without a reference that belongs to someone: the sender's domain when exactly one customer owns it, 0.7 (a
/// suggestion: a new person at a company may be a supplier or a former employee).</item>
/// <item>A well-formed number that belongs to no customer identifies nobody; it is reported.</item>
/// </list>
/// A match at or above the tenant's threshold (<see cref="LinkThreshold"/> by default) is confident: the sender's address
/// is linked. Below, it is a suggestion for an agent to confirm.
/// </summary>
internal static class CustomerIdentifier
{
    public const double LinkThreshold = 0.8;
    public const double InText = 0.95;
    public const double InQuote = 0.85;
    public const double DomainOnly = 0.7;
    public const double DomainAgrees = 0.03;
    public const string DomainKind = "email-domain";

    /// <summary>The kinds of reference from strongest to weakest evidence.</summary>
    private static readonly string[] Strength = ["account-number", "invoice-number", "contract-number", "order-number"];

    /// <summary>A lookup key of the directory: "ref:" and the upper-case alphanumerics of a number.</summary>
    public static string ReferenceKey(string number) => "ref:" + new string([.. number.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    public static string DomainKey(string domain) => "domain:" + domain.ToLowerInvariant();

    /// <summary>The lookup keys of a directory customer, with the kind each is evidence of.</summary>
    public static IReadOnlyList<(string Lookup, string Kind)> KeysOf(DirectoryCustomer customer)
    {
        var keys = new List<(string, string)>();
        if (customer.AccountNumber is { } account)
        {
            keys.Add((ReferenceKey(account), "account-number"));
        }

        keys.AddRange(customer.Invoices.Select(i => (ReferenceKey(i.Number), "invoice-number")));
        keys.AddRange(customer.Contracts.Select(c => (ReferenceKey(c), "contract-number")));
        keys.AddRange(customer.Orders.Select(o => (ReferenceKey(o), "order-number")));
        keys.AddRange(customer.EmailDomains.Select(d => (DomainKey(d), DomainKind)));
        return keys;
    }

    /// <summary>What to look up for a message, and where each reference was found.</summary>
    public static MessageKeys Keys(ReferencePatterns patterns, string? subject, string text, Channel channel, string? sender, IEnumerable<string>? attachmentNames = null)
    {
        var whole = (string.IsNullOrEmpty(subject) ? "" : $"Subject: {subject}\n\n") + text;
        var names = attachmentNames is null ? "" : string.Join("\n", attachmentNames);
        var all = patterns.Extract(names.Length == 0 ? whole : whole + "\n" + names);
        var fresh = patterns.Extract(EmailText.Prepare(whole) + "\n" + names).Select(r => r.Canonical).ToHashSet(StringComparer.Ordinal);
        var references = all.Select(r => new FoundReference(r.Kind, r.Raw, r.Canonical, fresh.Contains(r.Canonical))).ToList();
        string? domain = null;
        if (channel == Channel.Email && sender is not null && Grid.Addresses.Normalize(Channel.Email, sender).Normalized is { } email
            && Grid.Addresses.EmailDomain(email) is { } d && !DirectoryDocument.IsPublicDomain(d))
        {
            domain = d;
        }

        return new MessageKeys(references, domain);
    }

    public static IdentificationResult Decide(MessageKeys keys, IReadOnlyList<DirectoryKeyHit> hits, double threshold = LinkThreshold)
    {
        var references = keys.References.Select(r => new TriageReference(r.Kind, r.Raw, r.Canonical)).ToList();
        var byKey = hits.ToLookup(h => h.Lookup, StringComparer.Ordinal);
        var owned = keys.References
            .SelectMany(r => byKey[ReferenceKey(r.Canonical)].Select(h => (Reference: r, Hit: h)))
            .ToList();
        var domainOwners = keys.Domain is { } domain ? byKey[DomainKey(domain)].Select(h => h.CustomerId).Distinct().ToList() : [];
        var unowned = keys.References.Where(r => !byKey[ReferenceKey(r.Canonical)].Any()).Select(r => r.Canonical).Distinct().ToList();
        var unresolved = unowned.Count > 0 ? $"{string.Join(", ", unowned)} belong{(unowned.Count == 1 ? "s" : "")} to no customer" : null;

        var customers = owned.Select(o => o.Hit.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        if (customers.Count > 1)
        {
            return new IdentificationResult(references, null,
                $"the references point to {customers.Count} customers ({string.Join(", ", customers.Order(StringComparer.Ordinal))})");
        }

        if (customers.Count == 1)
        {
            var customerId = customers[0];
            var best = owned.OrderBy(o => Rank(o.Hit.Kind)).ThenByDescending(o => o.Reference.InText).First();
            var inText = owned.Any(o => o.Reference.InText);
            var confidence = inText ? InText : InQuote;
            var where = best.Reference.InText ? "in the message" : "in a quoted message or a signature";
            var evidence = $"{best.Hit.Kind} {best.Reference.Canonical} {where}";
            if (domainOwners is [var owner] && owner == customerId)
            {
                confidence += DomainAgrees;
                evidence += $"; the sender's domain {keys.Domain} is theirs";
            }

            return new IdentificationResult(references, Match(customerId, confidence, best.Hit.Kind, evidence, threshold), unresolved);
        }

        if (domainOwners is [var only])
        {
            return new IdentificationResult(references,
                Match(only, DomainOnly, DomainKind, $"the sender's domain {keys.Domain} belongs to this customer only", threshold), unresolved);
        }

        if (domainOwners.Count > 1)
        {
            unresolved = (unresolved is null ? "" : unresolved + "; ") + $"the sender's domain {keys.Domain} is shared by {domainOwners.Count} customers";
        }

        return new IdentificationResult(references, null, unresolved);
    }

    private static CustomerIdentification Match(string customerId, double confidence, string kind, string evidence, double threshold)
    {
        var rounded = Math.Round(Math.Min(0.99, confidence), 2);
        return new CustomerIdentification(customerId, rounded, kind, evidence, rounded >= threshold);
    }

    private static int Rank(string kind)
    {
        var index = Array.IndexOf(Strength, kind);
        return index < 0 ? Strength.Length : index;
    }

    /// <summary>"0.95" — how confidences are written in facts.</summary>
    public static string Format(double confidence) => confidence.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A reference found in a message, and whether the sender wrote it (not only quoted it).</summary>
internal sealed record FoundReference(string Kind, string Raw, string Canonical, bool InText);

/// <summary>The lookups one message needs: its references and the sender's email domain (not a public provider).</summary>
internal sealed record MessageKeys(IReadOnlyList<FoundReference> References, string? Domain)
{
    public IReadOnlyCollection<string> Lookups =>
    [
        .. References.Select(r => CustomerIdentifier.ReferenceKey(r.Canonical)).Distinct(StringComparer.Ordinal),
        .. Domain is null ? [] : new[] { CustomerIdentifier.DomainKey(Domain) },
    ];
}
