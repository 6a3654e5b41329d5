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
/// Channel switches through a real integrator (gRPC) and real agents (SignalR): an agent links an address after the
/// customer proved who they are (and a taken address merges its customer in), an admin merges two customers, with the
/// refusals for a merge into itself, into an unknown customer, in reverse, and for an agent who does not hold it.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class MergeTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task An_agent_links_a_phone_the_text_from_it_joins_the_open_conversation_and_a_taken_phone_merges_its_customer_in()
    {
        await using var integrator = Grid.IntegratorOf("merge-link");
        await using var outbound = integrator.OpenOutbound();
        await using var mia = await Grid.AgentAsync("mia", "merge-link");
        await using var noah = await Grid.AgentAsync("noah", "merge-link");
        await mia.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");

        // The same person wrote once from another phone: a conversation of another customer, resolved.
        var otherPhone = MessagePathTests.UniquePhone();
        var earlier = await integrator.PostSmsAsync(otherPhone, "ml-0-" + Guid.NewGuid(), "Bonjour, je voudrais parler à un conseiller de mon contrat");
        await mia.NextOfferAsync(Wait);
        await mia.Hub.InvokeAsync<ConversationDto>("Accept", earlier.ConversationId);
        await mia.Hub.InvokeAsync("Resolve", earlier.ConversationId, null);

        var email = "lea." + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var mail = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = email, ExternalId = "ml-1-" + Guid.NewGuid(), Text = "Bonjour, ma facture de mars est en double.",
            Email = new EmailHeaders { Subject = "Facture", MessageId = "<" + Guid.NewGuid() + "@example.com>" },
        });
        Assert.NotEqual(earlier.CustomerId, mail.CustomerId);
        var conversationId = (await mia.NextOfferAsync(Wait)).Conversation.ConversationId;
        Assert.Equal(mail.ConversationId, conversationId);
        await mia.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);

        // Refusals carry codes: an agent with no part in it, a malformed address, an unknown channel.
        var stranger = await Assert.ThrowsAsync<HubException>(() => noah.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "Sms", otherPhone));
        Assert.Contains("HubException: not_found:", stranger.Message);
        var malformed = await Assert.ThrowsAsync<HubException>(() => mia.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "Sms", "call me maybe"));
        Assert.Contains("HubException: invalid:", malformed.Message);
        Assert.Contains("phone number", malformed.Message);
        var noChannel = await Assert.ThrowsAsync<HubException>(() => mia.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "Pigeon", "+33600000000"));
        Assert.Contains("HubException: invalid:", noChannel.Message);

        // She proves who she is; the agent links her phone (written as people write it): listed at once, journaled, pushed.
        var phone = MessagePathTests.UniquePhone();
        var linked = await mia.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "Sms", phone[..4] + " " + phone[4..]);
        Assert.Equal(new AddressLinkDto("Sms", phone, null), linked);
        Assert.Contains((await mia.Hub.InvokeAsync<List<AddressDto>>("GetChannels", conversationId)), a => (a.Channel, a.Address) == ("Sms", phone));
        var pushed = await mia.NextEntryAsync(e => e.EventType == "address-linked", Wait);
        Assert.Equal(("agent:mia", phone), (pushed.Author, pushed.Metadata["address"]));

        var text = await integrator.PostSmsAsync(phone, "ml-2-" + Guid.NewGuid(), "c'est moi, je vous écris par SMS");
        Assert.Equal((mail.CustomerId, conversationId), (text.CustomerId, text.ConversationId));
        await mia.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "ml-r1", "Bien reçu, je regarde votre facture.");
        var bySms = await outbound.NextForAsync(conversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal((Channel.Sms, phone), (bySms.Channel, bySms.To));

        // Her other phone belongs to the earlier customer: linking it merges that customer into hers (a retry changes nothing).
        var merged = await mia.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "WhatsApp", otherPhone);
        Assert.Equal(earlier.CustomerId, merged.MergedCustomerId);
        Assert.Null((await mia.Hub.InvokeAsync<AddressLinkDto>("LinkAddress", conversationId, "WhatsApp", otherPhone)).MergedCustomerId);
        var fromOther = await integrator.PostSmsAsync(otherPhone, "ml-3-" + Guid.NewGuid(), "et voici mon autre numéro");
        Assert.Equal((mail.CustomerId, conversationId), (fromOther.CustomerId, fromOther.ConversationId));

        var context = await mia.Hub.InvokeAsync<HandoffContextDto>("GetContext", conversationId);
        Assert.Contains(context.Customer!.PastConversations, p => p.ConversationId == earlier.ConversationId);
        Assert.Contains(context.Customer.Addresses, a => (a.Channel, a.Address) == ("Sms", otherPhone));
        Assert.Equal(3, context.Transcript.Count(e => e.EventType == "address-linked" || e.EventType == "customers-merged")); // two links, one merge
        var journal = await integrator.ListAllAsync(conversationId);
        var merge = Assert.Single(journal, e => e.EventType == "customers-merged");
        Assert.Equal(("agent:mia", "address-linked", earlier.CustomerId), (merge.Author, merge.Reason, merge.Metadata["sourceCustomer"]));
        Assert.Contains(await integrator.ListAllAsync(earlier.ConversationId), e => e.EventType == "customers-merged");
    }

    [Fact]
    public async Task An_admin_merges_two_customers_both_histories_stay_the_source_writes_to_the_target_and_refusals_are_clear()
    {
        await using var integrator = Grid.IntegratorOf("merge-admin");
        await using var max = await Grid.AgentAsync("max", "merge-admin");
        await using var noah = await Grid.AgentAsync("noah", "merge-admin");
        await max.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");

        async Task<PostInboundResponse> ResolvedAsync(string phone, string text)
        {
            var posted = await integrator.PostSmsAsync(phone, "ma-" + Guid.NewGuid(), text);
            await max.NextOfferAsync(Wait);
            await max.Hub.InvokeAsync<ConversationDto>("Accept", posted.ConversationId);
            await max.Hub.InvokeAsync("Resolve", posted.ConversationId, null);
            return posted;
        }

        var sourcePhone = MessagePathTests.UniquePhone();
        var source = await ResolvedAsync(sourcePhone, "Bonjour, je voudrais parler à un conseiller de mon compteur");
        var target = await ResolvedAsync(MessagePathTests.UniquePhone(), "Bonjour, je voudrais parler à un conseiller de ma facture");

        Task<MergeCustomersResponse> MergeAsync(string from, string into, string reason) =>
            integrator.Escalation.MergeCustomersAsync(new MergeCustomersRequest { SourceCustomerId = from, TargetCustomerId = into, Reason = reason }, integrator.Headers).ResponseAsync;

        var first = await MergeAsync(source.CustomerId, target.CustomerId, "verified by a call-back");
        Assert.Equal((source.CustomerId, target.CustomerId, "admin:merge-admin-all", "verified by a call-back"),
            (first.SourceCustomerId, first.TargetCustomerId, first.MergedBy, first.Reason));
        var retry = await MergeAsync(source.CustomerId, target.CustomerId, "clicked twice");
        Assert.Equal((first.MergedAt, first.Reason), (retry.MergedAt, retry.Reason));

        // Both histories: the target's timeline, and the source's answering with it and saying where it went.
        var timeline = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = target.CustomerId, Limit = 500 }, integrator.Headers);
        Assert.Equal([source.ConversationId, target.ConversationId],
            timeline.Entries.Where(e => e.Kind == EntryKind.CustomerMessage).Select(e => e.ConversationId).Distinct());
        Assert.Equal(2, timeline.Entries.Count(e => e.EventType == "customers-merged")); // in both open (resolved) conversations
        var redirected = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = source.CustomerId, Limit = 500 }, integrator.Headers);
        Assert.Equal((target.CustomerId, timeline.Entries.Count), (redirected.MergedInto, redirected.Entries.Count));
        var paged = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = target.CustomerId, Limit = 2 }, integrator.Headers);
        var next = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = target.CustomerId, AfterCursor = paged.NextCursor, Limit = 2 }, integrator.Headers);
        Assert.Equal(timeline.Entries.Take(4).Select(e => (e.ConversationId, e.Seq)), paged.Entries.Concat(next.Entries).Select(e => (e.ConversationId, e.Seq)));

        // The source's phone now writes to the target: its open (resolved) conversation reopens and reaches an agent.
        var again = await integrator.PostSmsAsync(sourcePhone, "ma-again-" + Guid.NewGuid(), "Bonjour, j'ai encore une question sur mon compteur");
        Assert.Equal((target.CustomerId, target.ConversationId), (again.CustomerId, again.ConversationId));
        await max.NextOfferAsync(Wait);
        await max.Hub.InvokeAsync<ConversationDto>("Accept", target.ConversationId);
        var context = await max.Hub.InvokeAsync<HandoffContextDto>("GetContext", target.ConversationId);
        Assert.Contains(context.Customer!.PastConversations, p => p.ConversationId == source.ConversationId);
        Assert.Contains(context.Customer.Addresses, a => a.Address == sourcePhone);

        // Refusals say what is wrong.
        var itself = await Assert.ThrowsAsync<RpcException>(() => MergeAsync(target.CustomerId, target.CustomerId, "same"));
        Assert.Equal(StatusCode.InvalidArgument, itself.StatusCode);
        Assert.Contains("into itself", itself.Status.Detail);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => MergeAsync(source.CustomerId, "cus_nobody", "unknown"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'cus_nobody' not found", unknown.Status.Detail);
        var reverse = await Assert.ThrowsAsync<RpcException>(() => MergeAsync(target.CustomerId, source.CustomerId, "reverse"));
        Assert.Equal(StatusCode.InvalidArgument, reverse.StatusCode);
        Assert.Contains($"was merged into '{target.CustomerId}'", reverse.Status.Detail);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => MergeAsync(source.CustomerId, target.CustomerId, ""));
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        var stranger = await Assert.ThrowsAsync<HubException>(() => noah.Hub.InvokeAsync<CustomerMergeDto>("MergeCustomer", target.ConversationId, source.CustomerId));
        Assert.Contains("HubException: not_found:", stranger.Message);

        // The agent holding the conversation merges in a customer of their own; then a chain: the target is merged on
        // into a third customer. The first merge's retry still answers, reads and messages follow the chain.
        await max.Hub.InvokeAsync<AgentDto>("SetPresence", "Away");
        var fourth = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "ma-fourth-" + Guid.NewGuid(), "Bonjour");
        var byAgent = await max.Hub.InvokeAsync<CustomerMergeDto>("MergeCustomer", target.ConversationId, fourth.CustomerId);
        Assert.Equal((fourth.CustomerId, target.CustomerId, "agent:max"), (byAgent.SourceCustomerId, byAgent.TargetCustomerId, byAgent.MergedBy));
        var third = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "ma-third-" + Guid.NewGuid(), "Bonjour");
        Assert.Equal("chain", (await MergeAsync(target.CustomerId, third.CustomerId, "chain")).Reason);
        Assert.Equal(first.MergedAt, (await MergeAsync(source.CustomerId, target.CustomerId, "retried late")).MergedAt);
        var end = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = source.CustomerId, Limit = 500 }, integrator.Headers);
        Assert.Equal(third.CustomerId, end.MergedInto);
        Assert.Equal(
            new[] { source.ConversationId, target.ConversationId, fourth.ConversationId, third.ConversationId }.Order(),
            end.Entries.Where(e => e.Kind == EntryKind.CustomerMessage).Select(e => e.ConversationId).Distinct().Order());
        var fromSource = await integrator.PostSmsAsync(sourcePhone, "ma-last-" + Guid.NewGuid(), "toujours moi");
        Assert.Equal((third.CustomerId, third.ConversationId), (fromSource.CustomerId, fromSource.ConversationId));
    }
}
