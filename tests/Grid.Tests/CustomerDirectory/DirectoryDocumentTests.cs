using Grid.CustomerDirectory;

namespace Grid.Tests.CustomerDirectory;

/// <summary>The directory import's two formats, and refusals that name the line or entry and the field.</summary>
public sealed class DirectoryDocumentTests
{
    private const string Csv = """
        record,customer_id,company,name,account_number,tier,tags,email_domains,country,contact_name,email,phone,number,amount,currency,date
        contact,C-1001,,,,,,,,Lucie Marchal,Lucie@Boulangerie-Marchal.fr,03 83 41 22 10,,,,
        customer,C-1001,Boulangerie Marchal,,AC-0012345,standard,bakery;small-business,boulangerie-marchal.fr,FR,,,,,,,
        invoice,C-1001,,,,,,,,,,,INV-2026-00123,1342.80,EUR,2026-09-30
        contract,C-1001,,,,,,,,,,,k-004512,,,
        customer,C-1002,,"Martin, Paul",,,,,GB,,,,,,,
        contact,C-1002,,,,,,,,Paul,,+44 7700 900123,,,,
        order,C-1002,,,,,,,,,,,CMD-104512,,,

        """;

    [Fact]
    public void A_csv_attaches_contacts_and_references_to_their_customer_row_in_any_order()
    {
        var customers = DirectoryDocument.Parse("csv", Csv.Replace("\n\n", "\n", StringComparison.Ordinal));
        Assert.Equal(["C-1001", "C-1002"], customers.Select(c => c.Id));
        var bakery = customers[0];
        Assert.Equal(("Boulangerie Marchal", "AC-0012345", "standard"), (bakery.DisplayName, bakery.AccountNumber, bakery.Tier));
        Assert.Equal(["bakery", "small-business"], bakery.Tags);
        Assert.Equal(new DirectoryContact("Lucie Marchal", "lucie@boulangerie-marchal.fr", "+33383412210"), bakery.Contacts.Single());
        Assert.Equal(new DirectoryInvoice("INV-2026-00123", 1342.80m, "EUR", new DateOnly(2026, 9, 30)), bakery.Invoices.Single());
        Assert.Equal(["K-004512"], bakery.Contracts);
        Assert.Equal(("Martin, Paul", "+447700900123", "CMD-104512"), (customers[1].DisplayName, customers[1].Contacts[0].Phone, customers[1].Orders[0]));
    }

    [Theory]
    [InlineData("json", """[{"id": "C-1", "company": "A", "contacts": [{"email": "not-an-email"}]}]""", "customers[0].contacts[0].email: 'not-an-email' is not an email address")]
    [InlineData("json", """[{"id": "C-1"}]""", "customers[0].company: a customer needs a company or a name")]
    [InlineData("json", """[{"id": "C-1", "company": "A"}, {"id": "C-1", "company": "B"}]""", "customers[1].id: 'C-1' is also customers[0]")]
    [InlineData("json", """[{"id": "C 1", "company": "A"}]""", "customers[0].id: 'C 1' is not a customer id")]
    [InlineData("json", """[{"id": "C-1", "company": "A", "contacts": [{"phone": "06 12 34 56 78"}]}]""", "customers[0].contacts[0].phone: '06 12 34 56 78' is a national number")]
    [InlineData("json", """[{"id": "C-1", "company": "A", "email_domains": ["gmail.com"]}]""", "customers[0].email_domains[0]: 'gmail.com' is a public mail provider")]
    [InlineData("json", """[{"id": "C-1", "company": "A", "invoices": [{"number": "INV-1", "date": "30/09/2026"}]}]""", "customers[0].invoices[0].date: '30/09/2026' is not a date; use YYYY-MM-DD")]
    [InlineData("json", """[{"id": "C-1", "company": "A", "colour": "red"}]""", "customers[0].colour: unknown field")]
    [InlineData("json", """[{"id": "C-1", "company": "A", "contacts": [{"email": "a@x.fr"}]}, {"id": "C-2", "company": "B", "contacts": [{"email": "A@x.fr"}]}]""",
        "customers[1].contacts[0].email: the address is also a contact of customer 'C-1' (customers[0].contacts[0].email)")]
    [InlineData("json", """{"customers": [}""", "document: not valid JSON")]
    [InlineData("xml", "<customers/>", "format: 'xml' is not a directory format")]
    [InlineData("csv", "record,customer_id,company\ncustomer,C-1,A\ncontact,C-1,\n", "line 3, field email: a contact needs an email or a phone")]
    [InlineData("csv", "record,customer_id,company\ncustomer,C-1,A\ninvoice,C-2,\n", "line 3, field customer_id: no customer row for 'C-2' in this file")]
    [InlineData("csv", "record,customer_id,colour\ncustomer,C-1,red\n", "line 1, field colour: unknown column")]
    [InlineData("csv", "record,customer_id,company\ncustomer,C-1,A\nsupplier,C-1,B\n", "line 3, field record: 'supplier' is not a record type")]
    [InlineData("csv", "record,customer_id,company,amount,number\ncustomer,C-1,A,,\ninvoice,C-1,,12;50,F-1\n", "line 3, field amount: '12;50' is not an amount")]
    [InlineData("csv", "record,customer_id,company\ncustomer,C-1,\"A\n", "opens a quote that is never closed")]
    public void A_bad_row_refuses_the_whole_document_naming_where_and_what(string format, string document, string message)
    {
        var refusal = Assert.Throws<DirectoryRuleException>(() => DirectoryDocument.Parse(format, document));
        Assert.Equal(DirectoryRuleException.Invalid, refusal.Code);
        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void Limits_are_refused_as_limits()
    {
        var many = "[" + string.Join(",", Enumerable.Range(0, DirectoryDocument.MaxCustomers + 1).Select(i => $$"""{"id":"C-{{i}}","company":"A"}""")) + "]";
        Assert.Equal(DirectoryRuleException.LimitReached, Assert.Throws<DirectoryRuleException>(() => DirectoryDocument.Parse("json", many)).Code);
        var tags = "[{\"id\":\"C-1\",\"company\":\"A\",\"tags\":[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"t{i}\"")) + "]}]";
        Assert.Contains("more than 20 tags", Assert.Throws<DirectoryRuleException>(() => DirectoryDocument.Parse("json", tags)).Message);
    }

    [Fact]
    public void Numbers_are_looked_up_on_their_letters_and_digits_whatever_the_separators()
    {
        Assert.Equal(CustomerIdentifier.ReferenceKey("INV-2026-00123"), CustomerIdentifier.ReferenceKey("inv 2026 00123"));
        Assert.Equal("ref:INV202600123", CustomerIdentifier.ReferenceKey("INV.2026/00123"));
        var customer = DirectoryDocument.Parse("json", """[{"id":"C-1","company":"A","accountNumber":"ac-0012345","emailDomains":["A.fr"],"orders":["cmd 1"]}]""")[0];
        Assert.Equal(
            [("ref:AC0012345", "account-number"), ("ref:CMD1", "order-number"), ("domain:a.fr", "email-domain")],
            CustomerIdentifier.KeysOf(customer));
    }
}
