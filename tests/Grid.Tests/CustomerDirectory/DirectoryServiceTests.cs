using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.EndToEnd;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.CustomerDirectory;

using Channel = Grid.Protos.V1.Channel;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;

/// <summary>
/// The customer directory through a real integrator (gRPC) and real agents (SignalR) against the embedded host:
/// imports (idempotent, all or nothing, a contact who wrote before is merged in), identification of an unknown
/// address from its first message (linked when confident, a suggestion an agent confirms otherwise, nobody for a number
/// that belongs to no one), the identity facts on the agent's desk, and an unlink.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class DirectoryServiceTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static string Document(string id, string company, string email, string phone, string invoice, string domain) => $$"""
        {"customers": [
          {"id": "{{id}}", "company": "{{company}}", "account_number": "AC-{{Random.Shared.Next(1_000_000, 9_999_999)}}", "tier": "key-account",
           "email_domains": ["{{domain}}"], "country": "FR",
           "contacts": [{"name": "Lucie", "email": "{{email}}", "phone": "{{phone}}"}],
           "invoices": [{"number": "{{invoice}}", "amount": 1342.80, "currency": "EUR", "date": "2026-09-30"}],
           "contracts": ["K-004512"]}
        ]}
        """;

    private static async Task SetDemoPatternsAsync(IntegratorClient admin)
    {
        var patterns = new SetReferencePatternsRequest();
        patterns.Patterns.AddRange(global::Grid.Triage.ReferencePatterns.ReadDemo().Select(p => new ReferencePattern
        {
            Kind = p.Kind, Format = p.Format, DetectRegex = p.DetectRegex, Canonical = p.Canonical,
        }));
        await admin.Directory.SetReferencePatternsAsync(patterns, admin.Headers);
    }

    private static Task<PostInboundResponse> EmailAsync(IntegratorClient integrator, string from, string subject, string text) =>
        integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = from, ExternalId = Unique("dir-"), Text = text,
            Email = new EmailHeaders { Subject = subject, MessageId = $"<{Guid.NewGuid()}@mail.example>" },
        });

    [Fact]
    public async Task An_import_is_idempotent_all_or_nothing_and_a_contact_who_wrote_before_is_merged_into_the_imported_customer()
    {
        await using var admin = Grid.IntegratorOf("dir-import");
        var phone = MessagePathTests.UniquePhone();
        var email = Unique("lucie.") + "@boulangerie.example";
        var before = await admin.PostSmsAsync(phone, Unique("dir-sms-"), "Bonjour, mon compteur affiche une erreur");
        Assert.StartsWith("cus_", before.CustomerId);

        var id = Unique("C-");
        var document = Document(id, "Boulangerie Marchal", email, phone, "INV-2026-00123", Unique("b") + ".example");
        var first = await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = document }, admin.Headers);
        Assert.Equal((1, 1, 0, 0, 2, 1), (first.Customers, first.Created, first.Updated, first.Unchanged, first.AddressesLinked, first.CustomersMerged));

        // The SMS customer is the imported one now; the contact's email resolves to it on its first message.
        var timeline = await admin.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = before.CustomerId }, admin.Headers);
        Assert.Equal(id, timeline.MergedInto);
        var mail = await EmailAsync(admin, email, "Question", "Bonjour, une question sur mon contrat.");
        Assert.Equal(id, mail.CustomerId);
        var again = await admin.PostSmsAsync(phone, Unique("dir-sms-"), "Et toujours l'erreur");
        Assert.Equal(id, again.CustomerId);

        // The same document again changes nothing.
        var second = await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = document }, admin.Headers);
        Assert.Equal((1, 0, 0, 1, 0, 0), (second.Customers, second.Created, second.Updated, second.Unchanged, second.AddressesLinked, second.CustomersMerged));

        // A document with one bad entry applies nothing: the first customer's new name is not taken.
        var bad = document.Replace("Boulangerie Marchal", "Boulangerie Marchal & Fils", StringComparison.Ordinal)
            .Replace("]}\n]}", "]},\n {\"id\": \"C-bad\", \"company\": \"X\", \"contacts\": [{\"email\": \"nope\"}]}\n]}", StringComparison.Ordinal);
        Assert.Contains("C-bad", bad);
        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = bad }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("customers[1].contacts[0].email: 'nope' is not an email address", refused.Status.Detail);
        var stored = await admin.Directory.GetDirectoryCustomerAsync(new GetDirectoryCustomerRequest { CustomerId = id }, admin.Headers);
        Assert.Equal(("Boulangerie Marchal", "INV-2026-00123", "1342.80", "+" + phone.TrimStart('+')), (stored.Company, stored.Invoices[0].Number, stored.Invoices[0].Amount, stored.Contacts[0].Phone));
        var missing = await Assert.ThrowsAsync<RpcException>(() => admin.Directory.GetDirectoryCustomerAsync(new GetDirectoryCustomerRequest { CustomerId = "C-bad" }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        // A changed record is an update; the tier reaches the customer.
        var renamed = document.Replace("Boulangerie Marchal", "Boulangerie Marchal SARL", StringComparison.Ordinal);
        var third = await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = renamed }, admin.Headers);
        Assert.Equal((0, 1, 0), (third.Created, third.Updated, third.Unchanged));
        var listed = await admin.Directory.ListDirectoryCustomersAsync(new ListDirectoryCustomersRequest(), admin.Headers);
        Assert.Contains(listed.Customers, c => c.CustomerId == id && c.Company == "Boulangerie Marchal SARL" && c.Tier == "key-account");
    }

    [Fact]
    public async Task A_csv_import_names_the_line_and_field_it_refuses()
    {
        await using var admin = Grid.IntegratorOf("dir-csv");
        var csv = "record,customer_id,company,email\ncustomer,C-1,Acme,\ncontact,C-1,,not-an-address\n";
        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "csv", Document = csv }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("line 3, field email: 'not-an-address' is not an email address", refused.Status.Detail);
        var good = await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "csv", Document = csv.Replace("not-an-address", "ops@acme.example", StringComparison.Ordinal) }, admin.Headers);
        Assert.Equal((1, 1), (good.Created, good.AddressesLinked));
    }

    [Fact]
    public async Task A_personal_mailbox_quoting_an_invoice_is_linked_to_its_customer_and_the_agent_sees_the_evidence()
    {
        await using var admin = Grid.IntegratorOf("dir-ident");
        await SetDemoPatternsAsync(admin);
        await using var agent = await Grid.AgentAsync("iris", "dir-ident");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var id = Unique("C-");
        var invoice = $"INV-2026-{Random.Shared.Next(10_000, 99_999)}";
        await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest
        {
            Format = "json", Document = Document(id, "Perrault Gestion", Unique("compta.") + "@perrault.example", MessagePathTests.UniquePhone(), invoice, Unique("p") + ".example"),
        }, admin.Headers);

        // Written from a personal mailbox, the number typed without dashes, only in the quoted earlier reply.
        var personal = Unique("herve.") + "@wanadoo.fr";
        var quoted = $"Toujours rien reçu, je veux parler à un conseiller.\n\nLe 14 oct. 2026, Service Client a écrit :\n> Nous vous renvoyons la facture {invoice.Replace("-", "", StringComparison.Ordinal)}.";
        var mail = await EmailAsync(admin, personal, "Re: Votre demande", quoted);
        Assert.Equal(id, mail.CustomerId);

        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(mail.ConversationId, offer.Conversation.ConversationId);
        var facts = offer.Conversation.Facts;
        Assert.Equal((id, "linked", "0.85"), (facts["identity.customer"], facts["identity.status"], facts["identity.confidence"]));
        Assert.Contains($"invoice-number {invoice} in a quoted message", facts["identity.evidence"]);
        Assert.Equal($"invoice-number {invoice}", facts["triage.references"]);
        Assert.Equal(("Perrault Gestion", id), (offer.Context?.Customer?.DisplayName, offer.Context?.Customer?.CustomerId));
        Assert.StartsWith("AC-", offer.Context!.Customer!.AccountNumber);

        // A well-formed number that belongs to nobody identifies nobody: a customer of its own.
        var stranger = await EmailAsync(admin, Unique("x.") + "@gmail.com", "Facture", "Bonjour, la facture INV-2026-00001 est fausse.");
        Assert.StartsWith("cus_", stranger.CustomerId);
        var identified = await admin.Directory.IdentifyAsync(new IdentifyRequest { Text = "la facture INV-2026-00001 est fausse", Sender = "x@gmail.com", Channel = Channel.Email }, admin.Headers);
        Assert.Null(identified.Customer);
        Assert.Contains("INV-2026-00001 belongs to no customer", identified.Unresolved);
        // The agent holding the conversation undoes the link: journaled, and the mailbox's next message is not the customer's.
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", mail.ConversationId);
        var wrong = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("UnlinkAddress", mail.ConversationId, "Email", "other@wanadoo.fr"));
        Assert.Contains("not_found", wrong.Message);
        await agent.Hub.InvokeAsync("UnlinkAddress", mail.ConversationId, "Email", personal);
        var unlinked = await agent.Hub.InvokeAsync<ConversationDto>("GetConversation", mail.ConversationId);
        Assert.Equal(("unlinked", "agent:iris"), (unlinked.Facts["identity.status"], unlinked.Facts["identity.unlinked_by"]));
        Assert.StartsWith("cus_", (await EmailAsync(admin, personal, "Re: Votre demande", "Merci")).CustomerId);

        var known = await admin.Directory.IdentifyAsync(new IdentifyRequest { Text = $"facture {invoice.ToLowerInvariant()}", Channel = Channel.Sms }, admin.Headers);
        Assert.Equal((id, "invoice-number", true), (known.Customer.CustomerId, known.Customer.Kind, known.Confident));
    }

    [Fact]
    public async Task A_domain_match_is_a_suggestion_the_agent_confirms_and_an_admin_can_unlink_an_address()
    {
        await using var admin = Grid.IntegratorOf("dir-suggest");
        await SetDemoPatternsAsync(admin);
        await using var agent = await Grid.AgentAsync("jules", "dir-suggest");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var id = Unique("C-");
        var domain = Unique("kestrel") + ".example";
        await admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest
        {
            Format = "json", Document = Document(id, "Kestrel Dental", "practice@" + domain, MessagePathTests.UniquePhone(), "INV-2026-04102", domain),
        }, admin.Headers);

        // A new person at the customer's domain, no reference: a suggestion, the address is not linked.
        var newcomer = "new.person@" + domain;
        var mail = await EmailAsync(admin, newcomer, "Hello", "Hello, I would like to speak to someone about our contract please.");
        Assert.StartsWith("cus_", mail.CustomerId);
        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal((id, "suggested"), (offer.Conversation.Facts["identity.customer"], offer.Conversation.Facts["identity.status"]));
        Assert.Contains(domain, offer.Conversation.Facts["identity.evidence"]);

        // The agent confirms: the customer Grid created is merged into the directory's; journaled on the conversation.
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", mail.ConversationId);
        var refused = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<CustomerMergeDto>("ConfirmCustomer", mail.ConversationId, "C-nobody"));
        Assert.Contains("not_found", refused.Message);
        var merge = await agent.Hub.InvokeAsync<CustomerMergeDto>("ConfirmCustomer", mail.ConversationId, id);
        Assert.Equal((mail.CustomerId, id), (merge.SourceCustomerId, merge.TargetCustomerId));
        var conversation = await agent.Hub.InvokeAsync<ConversationDto>("GetConversation", mail.ConversationId);
        Assert.Equal(("confirmed", "jules"), (conversation.Facts["identity.status"], conversation.Facts["identity.confirmed_by"]));
        var next = await EmailAsync(admin, newcomer, "Re: Hello", "Thanks!");
        Assert.Equal(id, next.CustomerId);

        // The admin undoes the link: the address's next message is a customer of its own, not identified again.
        var notTheirs = await Assert.ThrowsAsync<RpcException>(() => admin.Directory.UnlinkAddressAsync(
            new UnlinkAddressRequest { CustomerId = id, Channel = Channel.Email, Address = "someone.else@" + domain }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notTheirs.StatusCode);
        await admin.Directory.UnlinkAddressAsync(new UnlinkAddressRequest { CustomerId = id, Channel = Channel.Email, Address = newcomer }, admin.Headers);
        var after = await EmailAsync(admin, newcomer, "Invoice INV-2026-04102", "Another question about invoice INV-2026-04102.");
        Assert.StartsWith("cus_", after.CustomerId);
        Assert.NotEqual(mail.CustomerId, after.CustomerId);
    }
}
