using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;
using Channel = Grid.Protos.V1.Channel;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;

/// <summary>
/// Handoffs through a real integrator (gRPC) and real agents (SignalR): the context package in the offer, internal
/// notes never sent, a transfer with a note to a named agent, the hand-back to the bot; consultants and supervisors.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class HandoffTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task The_offer_carries_the_whole_story_notes_stay_inside_a_transfer_carries_its_note_and_the_bot_takes_it_back()
    {
        await using var integrator = Grid.IntegratorOf("handoff");
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await integrator.BotReadyAsync();
        await using var outbound = integrator.OpenOutbound();
        await using var ann = await Grid.AgentAsync("ann", "handoff");
        await ann.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var phone = MessagePathTests.UniquePhone();

        var first = await integrator.PostSmsAsync(phone, "ho-1-" + Guid.NewGuid(), "le chat de ma voisine a eu des chatons, ils sont trop mignons");
        await integrator.PostSmsAsync(phone, "ho-2-" + Guid.NewGuid(), "et sinon vous aimez les pizzas aux anchois");
        var conversationId = first.ConversationId;

        var offer = await ann.NextOfferAsync(Wait);
        Assert.Equal(conversationId, offer.Conversation.ConversationId);
        var context = Assert.IsType<HandoffContextDto>(offer.Context);
        Assert.Equal("no-match-limit", context.EscalationReason);
        Assert.Equal(["rephrase"], context.BotAttempts.Select(a => a.Purpose));
        Assert.Equal(["CustomerMessage", "BotMessage", "CustomerMessage", "SystemMessage"], context.Transcript.Select(e => e.Kind));
        Assert.Equal(first.CustomerId, context.Customer!.CustomerId);
        Assert.Contains(context.Customer.Addresses, a => a.Channel == "Sms" && a.Address == phone);

        await ann.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);
        var noteSeq = await ann.Hub.InvokeAsync<long>("AddNote", conversationId, "note-1", "Client sympathique, vérifier son contrat");
        Assert.Equal(noteSeq, await ann.Hub.InvokeAsync<long>("AddNote", conversationId, "note-1", "Client sympathique, vérifier son contrat")); // a retry
        var pushed = await ann.NextEntryAsync(e => e.Kind == "InternalNote", Wait);
        Assert.Equal(("agent:ann", noteSeq), (pushed.Author, pushed.Seq));
        var integratorView = await integrator.ListAllAsync(conversationId);
        Assert.Equal(EntryKind.InternalNote, Assert.Single(integratorView, e => e.Seq == noteSeq).Kind);

        await using var bob = await Grid.AgentAsync("bob", "handoff");
        await bob.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        await ann.Hub.InvokeAsync("Transfer", conversationId, "", "bob", "Il veut changer de contrat, je n'ai pas les droits");
        var transferred = await bob.NextOfferAsync(Wait);
        Assert.Equal(conversationId, transferred.Conversation.ConversationId);
        Assert.Equal("Il veut changer de contrat, je n'ai pas les droits", transferred.Context!.TransferNote);
        Assert.Contains(transferred.Context.Transcript, e => e.Kind == "InternalNote" && e.Text!.StartsWith("Client sympathique"));
        Assert.Empty((await ann.Hub.InvokeAsync<AgentDto>("GetMe")).Conversations); // the transfer released ann

        await bob.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);
        await bob.Hub.InvokeAsync("HandBack", conversationId, "question courante, la FAQ répond");
        var told = await outbound.NextForAsync(conversationId, Wait, EntryKind.SystemMessage);
        while (!told.Text.StartsWith("Notre assistant automatique", StringComparison.Ordinal))
        {
            told = await outbound.NextForAsync(conversationId, Wait, EntryKind.SystemMessage);
        }

        var conversation = await integrator.GetConversationAsync(conversationId);
        Assert.Equal((ConversationStatus.Bot, "handed-back"), (conversation.Status, conversation.StatusReason));
        Assert.Empty((await bob.Hub.InvokeAsync<AgentDto>("GetMe")).Conversations);

        // The bot answers again, afresh.
        await integrator.PostSmsAsync(phone, "ho-3-" + Guid.NewGuid(), "quels sont vos horaires d'ouverture ?");
        var answer = await outbound.NextForAsync(conversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("lundi au vendredi", answer.Text);
        // No internal note ever went out to the customer.
        Assert.DoesNotContain(await integrator.ListAllAsync(conversationId), e => e.Kind != EntryKind.InternalNote && (e.Text ?? "").Contains("Client sympathique"));
    }

    [Fact]
    public async Task A_consultant_writes_notes_a_supervisor_joins_watches_and_takes_over_and_refusals_carry_codes()
    {
        await using var integrator = Grid.IntegratorOf("consult");
        await using var ann = await Grid.AgentAsync("ann", "consult");
        await ann.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var phone = MessagePathTests.UniquePhone();
        var posted = await integrator.PostSmsAsync(phone, "co-1-" + Guid.NewGuid(), "I want to talk to a person about my contract");
        var conversationId = (await ann.NextOfferAsync(Wait)).Conversation.ConversationId;
        Assert.Equal(posted.ConversationId, conversationId);
        await ann.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);

        await using var carl = await Grid.AgentAsync("carl", "consult");
        var notYetInvited = await Assert.ThrowsAsync<HubException>(() => carl.Hub.InvokeAsync<long>("AddNote", conversationId, "c1", "hello"));
        Assert.Contains("HubException: not_found:", notYetInvited.Message);
        await ann.Hub.InvokeAsync("Invite", conversationId, "carl", false);
        await carl.Hub.InvokeAsync<long>("AddNote", conversationId, "c1", "Contract clause 4 allows it");
        Assert.Equal("Contract clause 4 allows it", (await ann.NextEntryAsync(e => e.Kind == "InternalNote", Wait)).Text);
        var consultantReply = await Assert.ThrowsAsync<HubException>(() => carl.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "r1", "hi"));
        Assert.Contains("HubException: not_yours:", consultantReply.Message);

        var agentTakeOver = await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<ConversationDto>("TakeOver", conversationId));
        Assert.Contains("HubException: forbidden:", agentTakeOver.Message);

        await using var sue = await Grid.AgentAsync("sue", "consult", role: "supervisor");
        var joined = await sue.Hub.InvokeAsync<ConversationDto>("Join", conversationId);
        Assert.Contains("sue", joined.Collaborators);
        await integrator.PostSmsAsync(phone, "co-2-" + Guid.NewGuid(), "are you still there?");
        Assert.Equal("are you still there?", (await sue.NextEntryAsync(e => e.Kind == "CustomerMessage", Wait)).Text);

        var taken = await sue.Hub.InvokeAsync<ConversationDto>("TakeOver", conversationId);
        Assert.Equal(("WithAgent", "sue"), (taken.Status, taken.AssignedAgent));
        var annReply = await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "a1", "hello"));
        Assert.Contains("HubException: not_yours:", annReply.Message);
        await sue.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "s1", "Hello, I'm the team lead, I'll sort this out.");
        Assert.Empty((await ann.Hub.InvokeAsync<AgentDto>("GetMe")).Conversations);

        // Bad input changes nothing.
        var oversize = await Assert.ThrowsAsync<HubException>(() => sue.Hub.InvokeAsync<long>("AddNote", conversationId, "n2", new string('x', 40_000)));
        Assert.Contains("HubException: invalid:", oversize.Message);
        var unknown = await Assert.ThrowsAsync<HubException>(() => sue.Hub.InvokeAsync("HandBack", "cnv_nope", "why"));
        Assert.Contains("HubException: not_found:", unknown.Message);
        await using var stranger = await Grid.AgentAsync("sue", "handoff", role: "supervisor");
        var otherTenant = await Assert.ThrowsAsync<HubException>(() => stranger.Hub.InvokeAsync<ConversationDto>("Join", conversationId));
        Assert.Contains("HubException: not_found:", otherTenant.Message);
        var view = await integrator.GetConversationAsync(conversationId);
        Assert.Equal((ConversationStatus.WithAgent, "sue"), (view.Status, view.AssignedAgent));

        await sue.Hub.InvokeAsync("Close", conversationId, "sorted by phone");
        Assert.Equal(ConversationStatus.Closed, (await integrator.GetConversationAsync(conversationId)).Status);
    }

    [Fact]
    public async Task The_customer_is_told_who_joined_and_that_it_is_resolved_and_their_rating_is_kept_or_reopens_per_tenant_rule()
    {
        await using var integrator = Grid.IntegratorOf("csat");
        await integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = new EscalationPolicy { NoMatchLimit = 2, Queue = "default", ReopenOnCsatAtMost = 2 } }, integrator.Headers);
        await using var outbound = integrator.OpenOutbound();
        await using var dee = await Grid.AgentAsync("dee", "csat");
        await dee.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");

        async Task<(string Conversation, string Phone)> ResolvedConversationAsync(string text)
        {
            var phone = MessagePathTests.UniquePhone();
            var posted = await integrator.PostSmsAsync(phone, "csat-" + Guid.NewGuid(), text);
            await dee.NextOfferAsync(Wait);
            await dee.Hub.InvokeAsync<ConversationDto>("Accept", posted.ConversationId);
            await dee.Hub.InvokeAsync("Resolve", posted.ConversationId, null);
            return (posted.ConversationId, phone);
        }

        var (happy, happyPhone) = await ResolvedConversationAsync("je voudrais parler à un conseiller pour mon contrat");
        var notices = new List<Grid.Protos.V1.OutboundMessage>();
        while (notices.Count < 3)
        {
            notices.Add(await outbound.NextForAsync(happy, Wait, EntryKind.SystemMessage)); // acknowledgement, joined, resolved
        }

        Assert.Equal("dee a rejoint la conversation et prend votre demande en charge.", notices[1].Text);
        Assert.StartsWith("Votre demande est résolue", notices[2].Text);
        await integrator.PostSmsAsync(happyPhone, "csat-answer-" + Guid.NewGuid(), "4, merci pour la rapidité");
        Assert.Equal(ConversationStatus.Resolved, (await integrator.GetConversationAsync(happy)).Status);
        var rating = Assert.Single(await integrator.ListAllAsync(happy), e => e.EventType == "csat");
        Assert.Equal(("4", "4, merci pour la rapidité"), (rating.Metadata["rating"], rating.Text));
        Assert.Equal("Merci pour votre réponse !", (await outbound.NextForAsync(happy, Wait, EntryKind.SystemMessage)).Text);

        var (unhappy, unhappyPhone) = await ResolvedConversationAsync("I want to speak to an agent about my bill");
        await integrator.PostSmsAsync(unhappyPhone, "csat-bad-" + Guid.NewGuid(), "1, nothing was fixed");
        var reopened = await integrator.GetConversationAsync(unhappy);
        Assert.Contains(reopened.Status, new[] { ConversationStatus.Queued, ConversationStatus.Offered }); // dee is free: offered at once
        Assert.Equal("negative-csat", (await integrator.ListAllAsync(unhappy)).Last(e => e.EventType == "escalated").Reason);
        var context = await dee.Hub.InvokeAsync<HandoffContextDto>("GetContext", unhappy);
        Assert.Equal("negative-csat", context.EscalationReason);
        Assert.Equal("1, nothing was fixed", context.Transcript.Last(e => e.Kind == "CustomerMessage").Text);
    }

    [Fact]
    public async Task An_email_then_a_text_from_a_linked_phone_is_one_conversation_and_the_agent_picks_the_reply_channel()
    {
        await using var integrator = Grid.IntegratorOf("switch");
        await using var outbound = integrator.OpenOutbound();
        await using var eve = await Grid.AgentAsync("eve", "switch");
        await eve.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var email = "jeanne." + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var phone = MessagePathTests.UniquePhone();

        var mail = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = email, ExternalId = "sw-1-" + Guid.NewGuid(), Text = "Bonjour, mon compteur affiche une consommation énorme.",
            Email = new EmailHeaders { Subject = "Compteur", MessageId = "<" + Guid.NewGuid() + "@example.com>" },
        });
        var conversationId = (await eve.NextOfferAsync(Wait)).Conversation.ConversationId;
        Assert.Equal(mail.ConversationId, conversationId);
        await eve.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);

        // She proves who she is; an admin links her phone. Her text joins the same conversation.
        await integrator.Escalation.LinkCustomerAddressAsync(new LinkCustomerAddressRequest { CustomerId = mail.CustomerId, Channel = Channel.Sms, Address = phone }, integrator.Headers);
        var text = await integrator.PostSmsAsync(phone, "sw-2-" + Guid.NewGuid(), "c'est moi, je vous écris par SMS");
        Assert.Equal((mail.CustomerId, conversationId), (text.CustomerId, text.ConversationId));

        var channels = await eve.Hub.InvokeAsync<List<AddressDto>>("GetChannels", conversationId);
        Assert.Equal(["Sms", "Email"], channels.Select(c => c.Channel));
        await eve.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "sw-r1", "Bien reçu, je regarde votre relevé.");
        var bySms = await outbound.NextForAsync(conversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal((Channel.Sms, phone), (bySms.Channel, bySms.To));
        await eve.Hub.InvokeAsync<ReplyDto>("ReplyOn", conversationId, "sw-r2", "Je vous envoie le détail par e-mail.", "Email");
        var byEmail = await outbound.NextForAsync(conversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal((Channel.Email, email), (byEmail.Channel, byEmail.To));

        var history = await integrator.ListAllAsync(conversationId);
        Assert.Equal([Channel.Email, Channel.Sms], history.Where(e => e.Kind == EntryKind.CustomerMessage).Select(e => e.Channel));
        var noWhatsApp = await Assert.ThrowsAsync<HubException>(() => eve.Hub.InvokeAsync<ReplyDto>("ReplyOn", conversationId, "sw-r3", "hello", "WhatsApp"));
        Assert.Contains("HubException: invalid:", noWhatsApp.Message);
        var taken = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => integrator.Escalation.LinkCustomerAddressAsync(
            new LinkCustomerAddressRequest { CustomerId = "cus_someone_else", Channel = Channel.Sms, Address = phone }, integrator.Headers).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, taken.StatusCode);
    }
}
