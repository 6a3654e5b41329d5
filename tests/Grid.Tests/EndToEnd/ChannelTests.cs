using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using Attachment = Grid.Protos.V1.Attachment;
using Channel = Grid.Protos.V1.Channel;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;
using EntryKind = Grid.Protos.V1.EntryKind;
using PostInboundRequest = Grid.Protos.V1.PostInboundRequest;

/// <summary>
/// Per-channel details through the real edges: email threading, attachments, metadata; declining an offer; an offer
/// still standing is shown to a connection the agent opens after it was pushed.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ChannelTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task Email_headers_attachments_and_metadata_are_kept_and_replies_thread()
    {
        await using var integrator = Grid.IntegratorOf("email");
        await using var outbound = integrator.OpenOutbound();
        await using var agent = await Grid.AgentAsync("erin", "email");
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");

        var request = new PostInboundRequest
        {
            Channel = Channel.Email,
            Sender = "  Claire.Dupont@Example.FR ",
            ExternalId = "mail-001",
            SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 24, 22, 15, 0, TimeSpan.Zero)),
            Text = "Bonjour, vous trouverez ci-joint la facture contestée.",
            Email = new EmailHeaders { Subject = "Facture F-2024-118", MessageId = "<abc@mail.example.fr>", References = { "<root@mail.example.fr>" } },
            Attachments = { new Attachment { Uri = "https://files.example.fr/f-118.pdf", MediaType = "application/pdf", SizeBytes = 48213, FileName = "f-118.pdf" } },
            Metadata = { ["mailbox"] = "support@grid.example" },
        };
        var posted = await integrator.PostAsync(request);

        // The same person writing with different case and spaces is the same customer.
        var again = await integrator.PostAsync(new PostInboundRequest { Channel = Channel.Email, Sender = "claire.dupont@example.fr", ExternalId = "mail-002", Text = "Relance" });
        Assert.Equal(posted.CustomerId, again.CustomerId);

        var stored = (await integrator.ListAllAsync(posted.ConversationId)).First(e => e.Kind == EntryKind.CustomerMessage);
        Assert.Equal("Facture F-2024-118", stored.Email.Subject);
        Assert.Equal("<abc@mail.example.fr>", stored.Email.MessageId);
        Assert.Equal(["<root@mail.example.fr>"], stored.Email.References);
        var attachment = Assert.Single(stored.Attachments);
        Assert.Equal(("https://files.example.fr/f-118.pdf", "application/pdf", 48213L, "f-118.pdf"), (attachment.Uri, attachment.MediaType, attachment.SizeBytes, attachment.FileName));
        Assert.Equal("support@grid.example", stored.Metadata["mailbox"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 15, 0, TimeSpan.Zero), stored.SentAt.ToDateTimeOffset());
        Assert.True(stored.At.ToDateTimeOffset() > stored.SentAt.ToDateTimeOffset());

        // "Relance" has no subject, reference or thread in common with the first email: a conversation of its own, also
        // offered to the agent, maybe first (both wait, and the reminder's tone may weigh more).
        var offer = await agent.NextOfferAsync(Wait);
        if (offer.Conversation.ConversationId != posted.ConversationId)
        {
            Assert.Equal(again.ConversationId, offer.Conversation.ConversationId);
            offer = await agent.NextOfferAsync(Wait);
        }

        Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);
        Assert.Equal("Email", offer.Conversation.Channel);
        Assert.Contains(offer.History, e => e.Attachments.Any(a => a.Uri == "https://files.example.fr/f-118.pdf"));
        await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", posted.ConversationId);
        await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", posted.ConversationId, "e1", "Nous avons bien reçu la facture.");

        var acknowledgement = await outbound.NextForAsync(posted.ConversationId, Wait, EntryKind.SystemMessage);
        Assert.Equal("Re: Facture F-2024-118", acknowledgement.Email.Subject);
        var reply = await outbound.NextForAsync(posted.ConversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal((Channel.Email, "claire.dupont@example.fr"), (reply.Channel, reply.To));
        Assert.Equal("Re: Facture F-2024-118", reply.Email.Subject);
        Assert.Equal("<abc@mail.example.fr>", reply.Email.InReplyTo);
        Assert.Equal(["<root@mail.example.fr>", "<abc@mail.example.fr>"], reply.Email.References);
        Assert.Equal(2, (await integrator.AckAsync(acknowledgement.OutboundId, reply.OutboundId)).Acknowledged);

        // What the agent sees carries the email headers, the customer's sent-at time and the outbound id of replies.
        var history = await agent.Hub.InvokeAsync<Edge.Agents.HistoryDto>("GetHistory", posted.ConversationId, 0L, 50);
        var first = history.Entries.First(e => e.Kind == "CustomerMessage");
        Assert.Equal(("Facture F-2024-118", "<abc@mail.example.fr>"), (first.Email!.Subject, first.Email.MessageId));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 15, 0, TimeSpan.Zero), first.SentAt);
        Assert.Equal(reply.OutboundId, history.Entries.Single(e => e.Kind == "AgentMessage").OutboundId);

        // Grid suggests the Message-ID of its reply; a colleague answering it (In-Reply-To) joins this conversation and
        // is linked to the same customer (same domain), and the agent sees it live with its subject.
        Assert.EndsWith("@grid.invalid>", reply.Email.MessageId);
        var colleague = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email,
            Sender = "marc.petit@example.fr",
            ExternalId = "mail-003",
            Text = "Je complète la demande de ma collègue.",
            Email = new EmailHeaders { Subject = "Re: Facture F-2024-118", MessageId = "<def@mail.example.fr>", InReplyTo = reply.Email.MessageId },
        });
        Assert.Equal((posted.CustomerId, posted.ConversationId), (colleague.CustomerId, colleague.ConversationId));
        var live = await agent.NextEntryAsync(e => e.Seq == colleague.Seq, Wait);
        Assert.Equal("Re: Facture F-2024-118", live.Email!.Subject);

        // A stranger of another domain quoting the thread is not linked: a customer of their own.
        var stranger = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email,
            Sender = "someone@elsewhere.example",
            ExternalId = "mail-004",
            Text = "Forwarded to me",
            Email = new EmailHeaders { Subject = "Fwd: Facture", References = { "<abc@mail.example.fr>" } },
        });
        Assert.NotEqual(posted.CustomerId, stranger.CustomerId);
        Assert.NotEqual(posted.ConversationId, stranger.ConversationId);
        await agent.Hub.InvokeAsync("Resolve", posted.ConversationId, null);
    }

    [Fact]
    public async Task A_declined_offer_goes_to_another_agent()
    {
        await using var integrator = Grid.IntegratorOf("decline");
        await using var first = await Grid.AgentAsync("fay", "decline");
        await first.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        var sender = MessagePathTests.UniquePhone();
        var posted = await integrator.PostSmsAsync(sender, "d1", "I was charged twice");
        var offer = await first.NextOfferAsync(Wait);
        Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);

        await using var second = await Grid.AgentAsync("gus", "decline");
        await second.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        await first.Hub.InvokeAsync("Decline", posted.ConversationId);
        var reoffer = await second.NextOfferAsync(Wait);
        Assert.Equal(posted.ConversationId, reoffer.Conversation.ConversationId);

        var late = await Assert.ThrowsAsync<HubException>(() => first.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", posted.ConversationId));
        Assert.Contains("not_found:", late.Message); // declined: she has no part in it any more
        var accepted = await second.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", posted.ConversationId);
        Assert.Equal(("WithAgent", "gus"), (accepted.Status, accepted.AssignedAgent));
        var history = await integrator.ListAllAsync(posted.ConversationId);
        Assert.Contains(history, e => e.EventType == "declined" && e.Reason == "declined" && e.Metadata["agent"] == "fay");
        await second.Hub.InvokeAsync("Resolve", posted.ConversationId, null);

        // Within the reopen window, the customer's next message reopens the same conversation.
        // The same phone number on WhatsApp is the same customer: the reopen is stamped with the channel that caused it.
        var again = await integrator.PostAsync(new PostInboundRequest { Channel = Channel.Whatsapp, Sender = sender, ExternalId = "d2", Text = "Still charged twice" });
        Assert.Equal(posted.ConversationId, again.ConversationId);
        var history2 = await integrator.ListAllAsync(posted.ConversationId);
        var requeued = history2.Where(e => e.Metadata.GetValueOrDefault("status") == "Queued").ToList();
        Assert.Equal(["no-bot-answer", "declined", "reopened-by-customer"], requeued.Select(e => e.Reason));
        Assert.Equal(Channel.Whatsapp, history2.Single(e => e.EventType == "reopened").Channel);
        Assert.Equal(Channel.Whatsapp, requeued[^1].Channel);
        Assert.Equal(Channel.Sms, requeued[0].Channel);
        Assert.Contains((await integrator.GetConversationAsync(posted.ConversationId)).Status, new[] { Protos.V1.ConversationStatus.Queued, Protos.V1.ConversationStatus.Offered });
    }

    [Fact]
    public async Task A_connection_opened_after_an_offer_was_pushed_is_shown_the_offer_until_it_is_taken()
    {
        await using var integrator = Grid.IntegratorOf("replay");
        await using var first = await Grid.AgentAsync("rita", "replay");
        await first.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "r1", "Bonjour, je voudrais parler à un conseiller");
        var offer = await first.NextOfferAsync(Wait);
        Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);

        // The desk reconnects (a new connection) while the offer stands: it is shown the same offer at once.
        await using (var reconnected = await Grid.AgentAsync("rita", "replay"))
        {
            var replayed = await reconnected.NextOfferAsync(Wait);
            Assert.Equal((offer.OfferId, posted.ConversationId), (replayed.OfferId, replayed.Conversation.ConversationId));
            Assert.Equal(offer.ExpiresAt, replayed.ExpiresAt);
            Assert.Contains(replayed.History, e => e.Text == "Bonjour, je voudrais parler à un conseiller");
        }

        // Accepted, it is no longer shown to a new connection.
        await first.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", posted.ConversationId);
        await using var later = await Grid.AgentAsync("rita", "replay");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(later.Offers.Reader.TryRead(out var stale), $"an accepted offer was shown again: {stale?.OfferId}");
        await first.Hub.InvokeAsync("Resolve", posted.ConversationId, null);
    }
}
