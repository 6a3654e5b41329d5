using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// Grouping scattered messages into one problem (docs/architecture.md, "Grouping"), through a real integrator (gRPC):
/// email headers from another address of the same customer, the same subject within the window, the same invoice on
/// another channel, a colleague of the account joining as a participant, two companies with the same subject kept apart,
/// and one sender's second, unrelated problem in a conversation of its own.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class GroupingTests(EmbeddedGridFixture fixture)
{
    public const string Tenant = "grouping";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task A_reply_from_another_address_of_the_same_customer_threads_on_its_headers_among_several_open_conversations()
    {
        await using var integrator = await WithPatternsAsync();
        await using var outbound = integrator.OpenOutbound();
        var (work, home) = (Unique("claire", "acme.example"), Unique("claire", "home.example"));

        var invoice = await EmailAsync(integrator, work, "Facture de mars", "Bonjour, ma facture de mars est trop élevée.");
        var meter = await EmailAsync(integrator, work, "Compteur bloqué", "Bonjour, mon compteur ne tourne plus.");
        Assert.Equal(invoice.CustomerId, meter.CustomerId);
        Assert.NotEqual(invoice.ConversationId, meter.ConversationId);

        // Her home address is linked to her (she proved it); she answers Grid's acknowledgement of the invoice from there,
        // with a subject of her own: the headers decide.
        await integrator.Escalation.LinkCustomerAddressAsync(
            new LinkCustomerAddressRequest { CustomerId = invoice.CustomerId, Channel = Channel.Email, Address = home }, integrator.Headers);
        var acknowledgement = await outbound.NextForAsync(invoice.ConversationId, Wait, EntryKind.SystemMessage);
        var reply = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = home, ExternalId = "gr-h-" + Guid.NewGuid(), Text = "Je vous réponds depuis chez moi.",
            Email = new EmailHeaders { Subject = "Compteur bloqué aussi", MessageId = MessageId(), InReplyTo = acknowledgement.Email.MessageId },
        });
        Assert.Equal((invoice.CustomerId, invoice.ConversationId), (reply.CustomerId, reply.ConversationId));

        // Her own Message-ID in References threads too (the newest first), to the meter's conversation.
        var first = (await integrator.ListAllAsync(meter.ConversationId)).First(e => e.Kind == EntryKind.CustomerMessage);
        var again = await EmailAsync(integrator, home, "Re: question", "Toujours bloqué.", references: [first.Email.MessageId]);
        Assert.Equal(meter.ConversationId, again.ConversationId);
    }

    [Fact]
    public async Task The_same_subject_with_reply_and_forward_prefixes_joins_and_a_generic_subject_does_not()
    {
        await using var integrator = await WithPatternsAsync();
        var sender = Unique("paul", "example.fr");

        var first = await EmailAsync(integrator, sender, "Problème de connexion à l'espace client", "Je n'arrive plus à me connecter.");
        var second = await EmailAsync(integrator, sender, "TR: RE: Problème de connexion à l’espace client", "Toujours impossible ce matin.");
        Assert.Equal(first.ConversationId, second.ConversationId);
        var third = await EmailAsync(integrator, sender, "Réf. : PROBLEME DE CONNEXION A L'ESPACE CLIENT", "Et maintenant ?");
        Assert.Equal(first.ConversationId, third.ConversationId);

        // "Question" says nothing of the problem: its own conversation, and a second "Re: Question" does not join it either.
        var question = await EmailAsync(integrator, sender, "Question", "Avez-vous une application mobile ?");
        Assert.NotEqual(first.ConversationId, question.ConversationId);
        var another = await EmailAsync(integrator, sender, "Re: Question", "Et pour les tablettes ?");
        Assert.NotEqual(question.ConversationId, another.ConversationId);
        Assert.NotEqual(first.ConversationId, another.ConversationId);

        var journal = await integrator.ListAllAsync(first.ConversationId);
        Assert.Equal(3, journal.Count(e => e.Kind == EntryKind.CustomerMessage));
    }

    [Fact]
    public async Task The_same_invoice_number_joins_its_open_conversation_from_email_and_sms_and_another_sms_goes_on_with_the_most_recent()
    {
        await using var integrator = await WithPatternsAsync();
        var (email, phone) = (Unique("lea", "example.fr"), MessagePathTests.UniquePhone());

        var invoice = await EmailAsync(integrator, email, "Contestation", "La facture INV-2026-00123 compte deux fois le passage du technicien.");
        var move = await EmailAsync(integrator, email, "Déménagement", "Je déménage le 15, que dois-je faire ?");
        Assert.NotEqual(invoice.ConversationId, move.ConversationId);

        // Written otherwise, in a new email with a new subject: the canonical number is the same.
        var followUp = await EmailAsync(integrator, email, "Relance paiement", "Où en est ma réclamation sur la facture inv 2026 00123 ?");
        Assert.Equal(invoice.ConversationId, followUp.ConversationId);

        // By SMS, once her phone is linked: the invoice's conversation, not the most recent one.
        await integrator.Escalation.LinkCustomerAddressAsync(
            new LinkCustomerAddressRequest { CustomerId = invoice.CustomerId, Channel = Channel.Sms, Address = phone }, integrator.Headers);
        var sms = await integrator.PostSmsAsync(phone, "gr-i-" + Guid.NewGuid(), "Pour la INV2026-00123 je peux payer en deux fois ?");
        Assert.Equal(invoice.ConversationId, sms.ConversationId);

        // An SMS naming nothing goes on with her most recent open conversation, as a chat always did.
        var plain = await integrator.PostSmsAsync(phone, "gr-i-" + Guid.NewGuid(), "Merci de me rappeler");
        Assert.Equal(invoice.ConversationId, plain.ConversationId);
        var moving = await EmailAsync(integrator, email, "Re: Déménagement", "La date a changé: le 20.");
        Assert.Equal(move.ConversationId, moving.ConversationId);
        var afterMove = await integrator.PostSmsAsync(phone, "gr-i-" + Guid.NewGuid(), "C'est noté ?");
        Assert.Equal(move.ConversationId, afterMove.ConversationId);
    }

    [Fact]
    public async Task A_colleague_of_the_account_writing_about_the_same_invoice_joins_as_a_participant_and_replies_keep_both()
    {
        await using var integrator = await WithPatternsAsync("group-colleague"); // its own tenant: the agent is offered only this
        await using var outbound = integrator.OpenOutbound();
        await using var agent = await Grid.AgentAsync("gaelle", "group-colleague");
        var (claire, marc) = (Unique("claire", "acme.example"), Unique("marc", "acme.example"));

        var invoice = await EmailAsync(integrator, claire, "Facture contestée", "La facture INV-2026-00456 est fausse.");
        await integrator.Escalation.LinkCustomerAddressAsync(
            new LinkCustomerAddressRequest { CustomerId = invoice.CustomerId, Channel = Channel.Email, Address = marc }, integrator.Headers);
        var colleague = await EmailAsync(integrator, marc, "INV-2026-00456", "Je complète: le montant attendu est 120 €.");
        Assert.Equal((invoice.CustomerId, invoice.ConversationId), (colleague.CustomerId, colleague.ConversationId));

        var journal = await integrator.ListAllAsync(invoice.ConversationId);
        var joined = Assert.Single(journal, e => e.EventType == "sender-joined");
        Assert.Equal((marc, "reference"), (joined.Metadata["address"], joined.Reason));
        Assert.Equal(colleague.Seq + 1, joined.Seq);

        // His second message does not join him again; the agent sees both senders and the event.
        await EmailAsync(integrator, marc, "Re: INV-2026-00456", "Pièce jointe oubliée.");
        Assert.Single(await integrator.ListAllAsync(invoice.ConversationId), e => e.EventType == "sender-joined");
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(invoice.ConversationId, offer.Conversation.ConversationId);
        await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", invoice.ConversationId);
        var context = await agent.Hub.InvokeAsync<Edge.Agents.HandoffContextDto>("GetContext", invoice.ConversationId);
        Assert.Contains(context.Transcript, e => e.EventType == "sender-joined");

        // The reply goes to the one who wrote last, the one who began it copied: nobody is lost.
        await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", invoice.ConversationId, "gr-c-r1", "Nous corrigeons la facture.");
        var reply = await outbound.NextForAsync(invoice.ConversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal(marc, reply.To);
        Assert.Equal([claire], reply.Email.Cc);
        var history = await agent.Hub.InvokeAsync<Edge.Agents.HistoryDto>("GetHistory", invoice.ConversationId, 0L, 100);
        Assert.Equal([claire], history.Entries.Single(e => e.Kind == "AgentMessage").Email!.Cc);
        var conversation = await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("GetConversation", invoice.ConversationId);
        Assert.Equal([claire, marc], conversation.Senders);
        await agent.Hub.InvokeAsync("Resolve", invoice.ConversationId, null);
    }

    [Fact]
    public async Task Two_companies_with_the_same_subject_and_invoice_wording_stay_apart()
    {
        await using var integrator = await WithPatternsAsync();
        var (acme, globex) = (Unique("compta", "acme.example"), Unique("compta", "globex.example"));

        var first = await EmailAsync(integrator, acme, "Facture de novembre", "Bonjour, la facture INV-2026-00777 est en double.");
        var second = await EmailAsync(integrator, globex, "Re: Facture de novembre", "Bonjour, la facture INV-2026-00777 est en double.");
        Assert.NotEqual(first.CustomerId, second.CustomerId);
        Assert.NotEqual(first.ConversationId, second.ConversationId);
        Assert.Single(await integrator.ListAllAsync(first.ConversationId), e => e.Kind == EntryKind.CustomerMessage);
        Assert.Single(await integrator.ListAllAsync(second.ConversationId), e => e.Kind == EntryKind.CustomerMessage);
    }

    [Fact]
    public async Task One_senders_second_unrelated_problem_gets_its_own_conversation()
    {
        await using var integrator = await WithPatternsAsync();
        var sender = Unique("hugo", "example.fr");

        var invoice = await EmailAsync(integrator, sender, "Facture INV-2026-00888", "Le montant est faux.");
        var termination = await EmailAsync(integrator, sender, "Résiliation de mon contrat", "Je souhaite résilier au 31 décembre.");
        Assert.Equal(invoice.CustomerId, termination.CustomerId);
        Assert.NotEqual(invoice.ConversationId, termination.ConversationId);

        // Each goes on on its own: a reply by subject to the termination, a reply by reference to the invoice.
        Assert.Equal(termination.ConversationId, (await EmailAsync(integrator, sender, "RE: Résiliation de mon contrat", "Avez-vous bien reçu ?")).ConversationId);
        Assert.Equal(invoice.ConversationId, (await EmailAsync(integrator, sender, "Relance", "Et pour INV-2026-00888 ?")).ConversationId);
        var conversation = await integrator.GetConversationAsync(termination.ConversationId);
        Assert.Equal(termination.CustomerId, conversation.CustomerId);
    }

    internal static string Unique(string name, string domain) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@{domain}";

    internal static string MessageId() => "<" + Guid.NewGuid().ToString("N") + "@mail.example>";

    internal static Task<PostInboundResponse> EmailAsync(IntegratorClient integrator, string sender, string subject, string text, IReadOnlyList<string>? references = null)
    {
        var email = new EmailHeaders { Subject = subject, MessageId = MessageId() };
        email.References.AddRange(references ?? []);
        return integrator.PostAsync(new PostInboundRequest { Channel = Channel.Email, Sender = sender, ExternalId = "gr-" + Guid.NewGuid(), Text = text, Email = email });
    }

    /// <summary>The grouping tenant's integrator, after setting the demo reference patterns (invoices INV-YYYY-NNNNN…).</summary>
    internal async Task<IntegratorClient> WithPatternsAsync(string tenant = Tenant)
    {
        var integrator = Grid.IntegratorOf(tenant);
        var request = new SetReferencePatternsRequest();
        request.Patterns.AddRange(global::Grid.Triage.ReferencePatterns.ReadDemo().Select(p => new ReferencePattern
        {
            Kind = p.Kind, Format = p.Format, DetectRegex = p.DetectRegex, Canonical = p.Canonical,
        }));
        await new TriageService.TriageServiceClient(integrator.Channel).SetReferencePatternsAsync(request, integrator.Headers);
        return integrator;
    }
}
