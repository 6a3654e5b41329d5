using System.Text.Json;
using Grid.CustomerDirectory;
using Grid.Storage;
using Grid.Triage;
using Grid.Tests.Triage;

namespace Grid.Tests.CustomerDirectory;

/// <summary>
/// Identification from content on the demo tenant's hand-written cases (src/Grains/Grid.Grains/Triage/Data/
/// identification-cases.json, French and English: personal mailboxes quoting an invoice, numbers only in a quoted
/// reply, a signature, a forwarded message or an attachment name, numbers that belong to no one, look-alikes, domains
/// owned by one customer or shared by two, conflicting references). The directory is read by the import's own parser,
/// looked up as the SQL store does (by <see cref="CustomerIdentifier.KeysOf"/>), and every case must come out as written.
/// </summary>
public sealed class IdentificationCasesTests
{
    private static readonly Lazy<JsonDocument> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPathsOf.Data, "identification-cases.json"))));

    private static IReadOnlyList<DirectoryCustomer> Directory() =>
        DirectoryDocument.Parse("json", Cases.Value.RootElement.GetProperty("directory").GetRawText());

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Each_case_identifies_the_customer_it_names_with_the_evidence_it_names(string id)
    {
        var @case = Cases.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        var message = @case.GetProperty("message");
        var expected = @case.GetProperty("expected");

        var result = Identify(message.GetProperty("subject").GetString(), message.GetProperty("body").GetString()!, message.GetProperty("from").GetString());

        var customer = expected.GetProperty("customerId").ValueKind == JsonValueKind.Null ? null : expected.GetProperty("customerId").GetString();
        Assert.Equal(customer, result.Match?.CustomerId);
        var evidence = expected.GetProperty("evidence").ValueKind == JsonValueKind.Null ? null : expected.GetProperty("evidence").GetString();
        Assert.Equal(evidence, result.Match?.Kind);
        var references = expected.GetProperty("references").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("value").GetString())).ToList();
        Assert.Equal(references, result.References.Select(r => ((string?)r.Kind, (string?)r.Canonical)).ToList());
        if (result.Match is { } match)
        {
            // A reference is confident (the address is linked); a domain alone is a suggestion.
            Assert.Equal(match.Kind != CustomerIdentifier.DomainKind, match.Confident);
            Assert.Contains(match.Kind == CustomerIdentifier.DomainKind ? "domain" : references.First(r => r.Item1 == match.Kind).Item2!, match.Evidence);
        }
    }

    [Fact]
    public void A_number_only_in_a_quoted_reply_is_weaker_than_one_the_sender_wrote_and_the_customers_domain_adds_to_it()
    {
        var quoted = Identify("Re: Votre demande", "Merci, toujours rien.\n\nLe mar. 14 oct. 2026 à 10:02, Service Client <sc@volteane.fr> a écrit :\n> Votre facture INV-2026-01210.", "h.perrault@wanadoo.fr");
        var written = Identify("Facture", "Bonjour, la facture INV-2026-01210 est fausse.", "h.perrault@wanadoo.fr");
        var withDomain = Identify("Facture", "Bonjour, la facture INV-2026-01210 est fausse.", "nouveau@perrault-gestion.fr");
        Assert.Equal(("cus-perrault", CustomerIdentifier.InQuote), (quoted.Match!.CustomerId, quoted.Match.Confidence));
        Assert.Contains("quoted", quoted.Match.Evidence);
        Assert.Equal(CustomerIdentifier.InText, written.Match!.Confidence);
        Assert.Equal(CustomerIdentifier.InText + CustomerIdentifier.DomainAgrees, withDomain.Match!.Confidence, 3);
        Assert.Contains("perrault-gestion.fr", withDomain.Match.Evidence);
    }

    [Fact]
    public void Unowned_numbers_and_shared_domains_are_reported_as_the_reason_nobody_is_identified()
    {
        var unknown = Identify("Facture", "Bonjour, je conteste la facture INV-2026-09999.", "someone@gmail.com");
        Assert.Null(unknown.Match);
        Assert.Contains("INV-2026-09999 belongs to no customer", unknown.Unresolved);

        var conflict = Identify("Invoice", "Invoice INV-2026-02044 and account AC-0061420 please.", "accounts@example.org");
        Assert.Null(conflict.Match);
        Assert.Contains("2 customers", conflict.Unresolved);
    }

    [Fact]
    public void A_lower_threshold_makes_a_domain_match_confident_and_a_public_mail_domain_never_counts()
    {
        var keys = CustomerIdentifier.Keys(ReferencePatterns.Demo, "Hello", "Hello, a question about our contract.", Channel.Email, "new.person@kestreldental.co.uk");
        var hits = Lookup(keys.Lookups);
        Assert.True(CustomerIdentifier.Decide(keys, hits, threshold: 0.6).Match!.Confident);
        Assert.False(CustomerIdentifier.Decide(keys, hits).Match!.Confident);

        var personal = CustomerIdentifier.Keys(ReferencePatterns.Demo, "Hello", "Hello.", Channel.Email, "someone@gmail.com");
        Assert.Null(personal.Domain);
        var sms = CustomerIdentifier.Keys(ReferencePatterns.Demo, null, "Bonjour facture INV-2026-00123", Channel.Sms, "+33612345678");
        Assert.Null(sms.Domain);
        Assert.Equal("cus-marchal", CustomerIdentifier.Decide(sms, Lookup(sms.Lookups)).Match!.CustomerId);
    }

    private static IdentificationResult Identify(string? subject, string body, string? from)
    {
        var keys = CustomerIdentifier.Keys(ReferencePatterns.Demo, subject, body, Channel.Email, from);
        return CustomerIdentifier.Decide(keys, Lookup(keys.Lookups));
    }

    /// <summary>The store's lookup over the demo directory's keys.</summary>
    private static List<DirectoryKeyHit> Lookup(IReadOnlyCollection<string> lookups) =>
    [
        .. Directory().SelectMany(c => CustomerIdentifier.KeysOf(c).Select(k => new DirectoryKeyHit(k.Lookup, c.Id, k.Kind)))
            .Where(h => lookups.Contains(h.Lookup)),
    ];
}
