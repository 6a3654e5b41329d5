using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// An agent corrects a wrong grouping through the real hub (SignalR) while a real integrator (gRPC) posts: merging two
/// conversations of one customer, splitting messages out into a new one, journaled both ways, with the refusals.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class RegroupingTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task An_agent_merges_two_conversations_of_one_customer_both_journals_say_so_and_later_replies_land_in_the_target()
    {
        await using var integrator = Grid.IntegratorOf("group-merge");
        await using var max = await Grid.AgentAsync("max", "group-merge");
        await using var noah = await Grid.AgentAsync("noah", "group-merge");
        var email = GroupingTests.Unique("ines", "example.fr");

        var invoice = await GroupingTests.EmailAsync(integrator, email, "Facture de mars", "Ma facture de mars est trop élevée.");
        var debit = await GroupingTests.EmailAsync(integrator, email, "Montant prélevé en trop", "Vous avez prélevé 80 € de trop ce mois-ci.");
        Assert.NotEqual(invoice.ConversationId, debit.ConversationId);
        var stranger = await GroupingTests.EmailAsync(integrator, GroupingTests.Unique("ines", "other.example"), "Facture de mars", "Autre cliente.");

        await max.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        while ((await max.NextOfferAsync(Wait)).Conversation.ConversationId != invoice.ConversationId)
        {
        }

        await max.Hub.InvokeAsync<ConversationDto>("Accept", invoice.ConversationId);

        // Refusals: not the holder, itself, an unknown conversation, another customer's, a malformed id.
        await RefusedAsync(noah.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, debit.ConversationId), "not_found");
        await RefusedAsync(max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, invoice.ConversationId), "invalid", "into itself");
        await RefusedAsync(max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, "cnv_nobody"), "not_found", "cnv_nobody");
        await RefusedAsync(max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, stranger.ConversationId), "invalid", "another customer");
        await RefusedAsync(max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, "x"), "invalid");

        // A third problem of hers that another agent holds: not max's to merge.
        await max.Hub.InvokeAsync<AgentDto>("SetPresence", "Away");
        var meter = await GroupingTests.EmailAsync(integrator, email, "Compteur", "Mon compteur est bloqué.");
        await noah.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        while ((await noah.NextOfferAsync(Wait)).Conversation.ConversationId != meter.ConversationId)
        {
        }

        await noah.Hub.InvokeAsync<ConversationDto>("Accept", meter.ConversationId);
        await RefusedAsync(max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, meter.ConversationId), "not_yours", "another agent");

        var merged = await max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, debit.ConversationId);
        Assert.Equal([debit.ConversationId], merged.MergedFrom);
        var retried = await max.Hub.InvokeAsync<ConversationDto>("MergeConversations", invoice.ConversationId, debit.ConversationId);
        Assert.Equal(merged.LastSeq, retried.LastSeq);

        // Both journals: the target records where it came from, the source is closed pointing at the target.
        var target = Assert.Single(await integrator.ListAllAsync(invoice.ConversationId), e => e.EventType == "conversations-merged");
        Assert.Equal(("agent:max", "merged-from", debit.ConversationId), (target.Author, target.Reason, target.Metadata["sourceConversation"]));
        var sourceJournal = await integrator.ListAllAsync(debit.ConversationId);
        var source = Assert.Single(sourceJournal, e => e.EventType == "conversations-merged");
        Assert.Equal(("merged-into", invoice.ConversationId), (source.Reason, source.Metadata["targetConversation"]));
        Assert.Equal("merged-into:" + invoice.ConversationId, Assert.Single(sourceJournal, e => e.EventType == "closed").Reason);
        Assert.Equal(global::Grid.Protos.V1.ConversationStatus.Closed, (await integrator.GetConversationAsync(debit.ConversationId)).Status);

        // The source's history is part of the target's: the first history page and the context package.
        var history = await max.Hub.InvokeAsync<HistoryDto>("GetHistory", invoice.ConversationId, 0L, 100);
        Assert.Equal(debit.ConversationId, history.Entries[0].ConversationId);
        Assert.Contains(history.Entries, e => e.ConversationId == debit.ConversationId && e.Text == "Vous avez prélevé 80 € de trop ce mois-ci.");
        Assert.Contains(history.Entries, e => e.ConversationId == invoice.ConversationId && e.Kind == "CustomerMessage");
        var context = await max.Hub.InvokeAsync<HandoffContextDto>("GetContext", invoice.ConversationId);
        Assert.Contains(context.Transcript, e => e.ConversationId == debit.ConversationId && e.Kind == "CustomerMessage");

        // Later: a reply on the source's thread, and an email with the source's subject, land in the target.
        var sourceMessageId = sourceJournal.First(e => e.Kind == EntryKind.CustomerMessage).Email.MessageId;
        var reply = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = email, ExternalId = "rg-m-" + Guid.NewGuid(), Text = "Des nouvelles du remboursement ?",
            Email = new EmailHeaders { Subject = "Re: Montant prélevé en trop", MessageId = GroupingTests.MessageId(), InReplyTo = sourceMessageId },
        });
        Assert.Equal(invoice.ConversationId, reply.ConversationId);
        var bySubject = await GroupingTests.EmailAsync(integrator, email, "TR: Montant prélevé en trop", "Je transfère la réponse de ma banque.");
        Assert.Equal(invoice.ConversationId, bySubject.ConversationId);
        await max.Hub.InvokeAsync("Resolve", invoice.ConversationId, null);
        await noah.Hub.InvokeAsync("Resolve", meter.ConversationId, null);
    }

    [Fact]
    public async Task An_agent_splits_an_unrelated_message_into_a_new_conversation_journaled_both_ways_and_its_replies_follow_it()
    {
        await using var integrator = Grid.IntegratorOf("group-split");
        await using var eva = await Grid.AgentAsync("eva", "group-split");
        await using var noah = await Grid.AgentAsync("noah", "group-split");
        var email = GroupingTests.Unique("jules", "example.fr");

        var first = await GroupingTests.EmailAsync(integrator, email, "Facture de mars", "Ma facture de mars est trop élevée.");
        var second = await GroupingTests.EmailAsync(integrator, email, "Re: Facture de mars", "Autre chose: je veux résilier mon contrat au 31 décembre.");
        Assert.Equal(first.ConversationId, second.ConversationId);
        var conversationId = first.ConversationId;

        await eva.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        Assert.Equal(conversationId, (await eva.NextOfferAsync(Wait)).Conversation.ConversationId);
        await eva.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);

        // Refusals: not the holder, nothing named, a seq that is not a customer message, moving every customer message.
        await RefusedAsync(noah.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, new[] { second.Seq }), "not_found");
        await RefusedAsync(eva.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, Array.Empty<long>()), "invalid", "fromSeq");
        await RefusedAsync(eva.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, new[] { second.Seq + 1 }), "invalid", "not a customer message");
        await RefusedAsync(eva.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, new[] { first.Seq, second.Seq }), "invalid", "without a customer message");

        var split = await eva.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, new[] { second.Seq });
        Assert.Equal(conversationId, split.ConversationId);
        Assert.Equal([second.Seq], split.Seqs);
        Assert.NotEqual(conversationId, split.NewConversationId);
        var again = await eva.Hub.InvokeAsync<ConversationSplitDto>("SplitConversation", conversationId, 0L, new[] { second.Seq });
        Assert.Equal(split.NewConversationId, again.NewConversationId);

        // Journaled both ways: the source says what went where, the new one starts with the message and where it came from.
        var sourceEntry = Assert.Single(await integrator.ListAllAsync(conversationId), e => e.EventType == "conversation-split");
        Assert.Equal(("agent:eva", "split-into", split.NewConversationId, second.Seq.ToString()),
            (sourceEntry.Author, sourceEntry.Reason, sourceEntry.Metadata["targetConversation"], sourceEntry.Metadata["seqs"]));
        var created = await integrator.ListAllAsync(split.NewConversationId);
        var moved = Assert.Single(created, e => e.Kind == EntryKind.CustomerMessage);
        Assert.Equal("Autre chose: je veux résilier mon contrat au 31 décembre.", moved.Text);
        var origin = Assert.Single(created, e => e.EventType == "conversation-split");
        Assert.Equal(("split-from", conversationId), (origin.Reason, origin.Metadata["sourceConversation"]));
        var view = await integrator.GetConversationAsync(split.NewConversationId);
        Assert.Equal(first.CustomerId, view.CustomerId);

        // The new conversation is offered to the agent who split it first; it shows where it came from.
        var offer = await eva.NextOfferAsync(Wait);
        Assert.Equal(split.NewConversationId, offer.Conversation.ConversationId);
        Assert.Equal(conversationId, offer.Conversation.SplitFrom);

        // The customer's answer on the moved email's thread follows it; one on the first email stays.
        var movedMessageId = moved.Email.MessageId;
        var followUp = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = email, ExternalId = "rg-s-" + Guid.NewGuid(), Text = "Pouvez-vous confirmer la résiliation ?",
            Email = new EmailHeaders { Subject = "Re: Facture de mars", MessageId = GroupingTests.MessageId(), InReplyTo = movedMessageId },
        });
        Assert.Equal(split.NewConversationId, followUp.ConversationId);
        var firstMessageId = (await integrator.ListAllAsync(conversationId)).First(e => e.Kind == EntryKind.CustomerMessage).Email.MessageId;
        var stays = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = email, ExternalId = "rg-s-" + Guid.NewGuid(), Text = "Et pour la facture ?",
            Email = new EmailHeaders { Subject = "Re: Facture de mars", MessageId = GroupingTests.MessageId(), InReplyTo = firstMessageId },
        });
        Assert.Equal(conversationId, stays.ConversationId);
        await eva.Hub.InvokeAsync("Resolve", conversationId, null);
    }

    [Fact]
    public async Task An_admin_merges_and_splits_over_grpc_with_clear_statuses()
    {
        await using var integrator = Grid.IntegratorOf("group-admin");
        var email = GroupingTests.Unique("lucie", "example.fr");
        var invoice = await GroupingTests.EmailAsync(integrator, email, "Facture d'avril", "La facture d'avril est fausse.");
        var same = await GroupingTests.EmailAsync(integrator, email, "Erreur de montant", "Le montant d'avril n'est pas le bon.");
        var other = await GroupingTests.EmailAsync(integrator, GroupingTests.Unique("lucie", "other.example"), "Facture d'avril", "Autre cliente.");

        Task<MergeConversationsResponse> MergeAsync(string into, string from) =>
            integrator.Escalation.MergeConversationsAsync(new MergeConversationsRequest { ConversationId = into, OtherConversationId = from }, integrator.Headers).ResponseAsync;

        var merged = await MergeAsync(invoice.ConversationId, same.ConversationId);
        Assert.Equal([same.ConversationId], merged.MergedFrom);
        Assert.Equal([same.ConversationId], (await MergeAsync(invoice.ConversationId, same.ConversationId)).MergedFrom);
        var journaled = Assert.Single(await integrator.ListAllAsync(same.ConversationId), e => e.EventType == "conversations-merged");
        Assert.Equal("agent:admin:group-admin-all", journaled.Author);

        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(() => MergeAsync(invoice.ConversationId, other.ConversationId))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => MergeAsync(invoice.ConversationId, "cnv_nobody"))).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(() => MergeAsync(invoice.ConversationId, "nope"))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => MergeAsync(same.ConversationId, other.ConversationId))).StatusCode);

        // A second message in the invoice's conversation, split out again by the admin.
        var second = await GroupingTests.EmailAsync(integrator, email, "Re: Facture d'avril", "Autre sujet: changement d'adresse.");
        Assert.Equal(invoice.ConversationId, second.ConversationId);
        var request = new SplitConversationRequest { ConversationId = invoice.ConversationId, Seqs = { second.Seq } };
        var split = await integrator.Escalation.SplitConversationAsync(request, integrator.Headers);
        Assert.Equal([second.Seq], split.Seqs);
        Assert.Equal(split.NewConversationId, (await integrator.Escalation.SplitConversationAsync(request, integrator.Headers)).NewConversationId);
        Assert.Equal("Autre sujet: changement d'adresse.", Assert.Single(await integrator.ListAllAsync(split.NewConversationId), e => e.Kind == EntryKind.CustomerMessage).Text);
        var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Escalation.SplitConversationAsync(
            new SplitConversationRequest { ConversationId = invoice.ConversationId, Seqs = { invoice.Seq } }, integrator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("without a customer message", refused.Status.Detail);
    }

    private static async Task RefusedAsync<T>(Task<T> call, string code, string? detail = null)
    {
        var refused = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Contains($"HubException: {code}:", refused.Message);
        if (detail is not null)
        {
            Assert.Contains(detail, refused.Message);
        }
    }
}
