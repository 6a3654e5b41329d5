using Grid.Conversations.Events;
using Grid.Storage;
using Microsoft.Extensions.DependencyInjection;
using System.Threading.Channels;

namespace Grid.Tests.Grains;

/// <summary>The conversation path on the Orleans test cluster, storing into real SQLite files.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private readonly string tenant = "g" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Concurrent_messages_get_gap_free_sequence_numbers_per_conversation()
    {
        var customers = Enumerable.Range(0, 5).Select(i => $"cus_{i}").ToArray();
        var posts = Enumerable.Range(0, 100).Select(i =>
        {
            var customer = customers[i % customers.Length];
            return Customer(customer).ReceiveInboundAsync(Message($"ext-{i}", $"text {i}"), null);
        });
        var acks = await Task.WhenAll(posts);

        foreach (var conversation in acks.GroupBy(a => a.ConversationId))
        {
            // Each message has its own sequence number; the journal (messages and transition events) has no gap.
            Assert.Equal(20, conversation.Select(a => a.Seq).Distinct().Count());
            var page = await Conversation(conversation.Key).ReadAsync(0, 500);
            var messages = page.Entries.Where(e => e.Kind == EntryKind.CustomerMessage).ToList();
            Assert.Equal(conversation.Select(a => a.Seq).Order(), messages.Select(m => m.Seq));
            Assert.Equal(Enumerable.Range(1, page.Entries.Count).Select(i => (long)i), page.Entries.Select(e => e.Seq));
        }

        Assert.Equal(5, acks.Select(a => a.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task Same_key_returns_the_first_ack_and_another_payload_is_refused()
    {
        var customer = Customer("cus_dup");
        var first = await customer.ReceiveInboundAsync(Message("same", "hello"), null);
        var again = await customer.ReceiveInboundAsync(Message("same", "hello"), null);
        Assert.True(again.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => customer.ReceiveInboundAsync(Message("same", "other text"), null));
        var page = await Conversation(first.ConversationId).ReadAsync(0, 100);
        Assert.Single(page.Entries, e => e.Kind == EntryKind.CustomerMessage);
    }

    [Fact]
    public async Task Facts_found_by_an_analyzer_outside_the_conversation_are_journaled_and_shown()
    {
        var ack = await Customer("cus_facts").ReceiveInboundAsync(Message("f1", "my invoice is wrong"), null);
        var view = await Conversation(ack.ConversationId).GetAsync();
        Assert.Equal("billing", view.Facts!["topic"]);
        var entries = (await Conversation(ack.ConversationId).ReadAsync(0, 10)).Entries;
        Assert.Contains(entries, e => e.EventType == "facts-set" && e.Author == "step:topic" && e.Metadata["topic"] == "billing");

        // Said again, nothing new is journaled.
        var again = await Customer("cus_facts").ReceiveInboundAsync(Message("f2", "the invoice, again"), null);
        Assert.Single((await Conversation(again.ConversationId).ReadAsync(0, 20)).Entries, e => e.EventType == "facts-set" && e.Author == "step:topic");
    }

    [Fact]
    public async Task Identity_resolves_to_one_customer_per_address()
    {
        var a = fixture.Grains.GetGrain<IIdentityGrain>(GridKeys.Identity(tenant, AddressKind.Phone, "aaa"));
        var b = fixture.Grains.GetGrain<IIdentityGrain>(GridKeys.Identity(tenant, AddressKind.Phone, "bbb"));
        Assert.Null(await a.TryGetAsync());
        var customer = await a.ResolveAsync();
        Assert.Equal(customer, await a.ResolveAsync());
        Assert.Equal(customer, await a.TryGetAsync());
        Assert.NotEqual(customer, await b.ResolveAsync());
    }

    [Fact]
    public async Task Queue_offers_to_an_available_agent_and_reoffers_on_decline_and_timeout()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IAgentObserver>(observer);
        var ann = Agent("ann");
        var ben = Agent("ben");
        await ann.SubscribeAsync(reference);
        await ben.SubscribeAsync(reference);
        await ann.SetPresenceAsync(AgentPresence.Available, "Ann");

        var ack = await Customer("cus_route").ReceiveInboundAsync(Message("r1", "need help"), null);
        var offer = await observer.NextAsync(AgentEventKind.Offer);
        Assert.Equal(("ann", ack.ConversationId), (offer.AgentId, offer.Event.ConversationId));
        Assert.Equal(ConversationStatus.Offered, (await Conversation(ack.ConversationId).GetAsync()).Status);

        // Ann declines; Ben comes online and gets it.
        await Conversation(ack.ConversationId).DeclineAsync(new Actor("ann"));
        await ben.SetPresenceAsync(AgentPresence.Available, "Ben");
        var second = await observer.NextAsync(AgentEventKind.Offer);
        Assert.Equal("ben", second.AgentId);

        // Ben lets it time out (3 s in this cluster): it is withdrawn from him and, Ann being skipped, waits.
        var withdrawn = await observer.NextAsync(AgentEventKind.OfferWithdrawn);
        Assert.Equal("ben", withdrawn.AgentId);
        var conversation = await Conversation(ack.ConversationId).GetAsync();
        Assert.Equal(ConversationStatus.Queued, conversation.Status);
        Assert.Equal("offer-timeout", conversation.StatusReason);

        // A third agent accepts; replies go to the outbox of the integrator the customer wrote through.
        var cat = Agent("cat");
        await cat.SubscribeAsync(reference);
        await cat.SetPresenceAsync(AgentPresence.Available, "Cat");
        var third = await observer.NextAsync(AgentEventKind.Offer);
        Assert.Equal("cat", third.AgentId);
        await Assert.ThrowsAsync<ConversationRuleException>(() => Conversation(ack.ConversationId).AcceptAsync(new Actor("ann")));
        var accepted = await Conversation(ack.ConversationId).AcceptAsync(new Actor("cat"));
        Assert.Equal(("cat", ConversationStatus.WithAgent), (accepted.AssignedAgent, accepted.Status));
        Assert.Contains(ack.ConversationId, (await cat.GetAsync()).Conversations);

        var seq = (await Conversation(ack.ConversationId).ReplyAsync(new Actor("cat"), "c-1", "Hello from Cat")).Seq;
        var pending = await fixture.Grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(tenant, "gw")).GetPendingAsync(0, 10);
        Assert.Equal(3, pending.Count);
        Assert.Equal((EntryKind.SystemMessage, "Thank you for your message. An advisor will reply as soon as possible."), (pending[0].Kind, pending[0].Text));
        Assert.Equal((EntryKind.SystemMessage, "cat has joined the conversation and is taking care of your request."), (pending[1].Kind, pending[1].Text));
        Assert.Equal((seq, "Hello from Cat", "+33600000000", EntryKind.AgentMessage), (pending[2].Seq, pending[2].Text, pending[2].ToAddress, pending[2].Kind));

        await Conversation(ack.ConversationId).ResolveAsync(new Actor("cat"), null);
        Assert.Empty((await cat.GetAsync()).Conversations);
        Assert.Empty((await fixture.Grains.GetGrain<IQueueGrain>(GridKeys.Of(tenant, "default")).GetSnapshotAsync()).Waiting);
    }

    [Fact]
    public async Task The_waiting_list_survives_the_queue_grain_and_is_rebuilt_from_storage()
    {
        var ack = await Customer("cus_wait").ReceiveInboundAsync(Message("w1", "anyone there?"), null);
        var queue = fixture.Grains.GetGrain<IQueueGrain>(GridKeys.Of(tenant, "default"));
        Assert.Contains((await queue.GetSnapshotAsync()).Waiting, w => w.ConversationId == ack.ConversationId);

        // Every idle activation goes, the queue's memory with it.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var rebuilt = (await queue.GetSnapshotAsync()).Waiting;
        Assert.Equal(ack.ConversationId, Assert.Single(rebuilt).ConversationId);

        var observer = new RecordingObserver();
        var dan = Agent("dan");
        await dan.SubscribeAsync(fixture.Cluster.Client.CreateObjectReference<IAgentObserver>(observer));
        await dan.SetPresenceAsync(AgentPresence.Available, "Dan");
        Assert.Equal(ack.ConversationId, (await observer.NextAsync(AgentEventKind.Offer)).Event.ConversationId);
        await Conversation(ack.ConversationId).AcceptAsync(new Actor("dan"));
        Assert.Empty((await queue.GetSnapshotAsync()).Waiting);
    }

    [Fact]
    public async Task A_reminder_closes_a_resolved_conversation_after_the_reopen_window_and_the_next_message_opens_a_new_one()
    {
        var customer = Customer("cus_close");
        var ack = await customer.ReceiveInboundAsync(Message("z1", "my meter is broken"), null);
        var observer = new RecordingObserver();
        var eve = Agent("eve");
        await eve.SubscribeAsync(fixture.Cluster.Client.CreateObjectReference<IAgentObserver>(observer));
        await eve.SetPresenceAsync(AgentPresence.Available, "Eve");
        await observer.NextAsync(AgentEventKind.Offer);
        await Conversation(ack.ConversationId).AcceptAsync(new Actor("eve"));
        await Conversation(ack.ConversationId).ResolveAsync(new Actor("eve"), "meter replaced");

        // The reopen window is 2 s in this cluster: the reminder (due after the window) closes the conversation
        // even though nobody calls it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Conversation(ack.ConversationId).GetAsync()).Status != ConversationStatus.Closed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var closed = await Conversation(ack.ConversationId).GetAsync();
        Assert.Equal((ConversationStatus.Closed, "reopen-window-elapsed"), (closed.Status, closed.StatusReason));
        var next = await customer.ReceiveInboundAsync(Message("z2", "it broke again"), null);
        Assert.NotEqual(ack.ConversationId, next.ConversationId);
        Assert.Equal(2, (await customer.GetAsync())!.ConversationIds.Count);
    }

    [Fact]
    public async Task A_conversation_whose_state_write_was_lost_is_rebuilt_from_its_journal()
    {
        // What a crash between the journal commit and the grain-state write leaves: journal rows, no state.
        var silo = Assert.IsType<Orleans.TestingHost.InProcessSiloHandle>(fixture.Cluster.Primary);
        var journal = silo.SiloHost.Services.GetRequiredService<IConversationJournal>();
        var conversationId = "cnv_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var wrote = new CustomerWrote("cus_lost", "hello?", "l1", "wa-gw", "+33611112222", now, null, [], new Dictionary<string, string>(), "en")
        {
            At = now,
            Channel = Channel.WhatsApp,
        };
        var escalated = new Escalated("default", "no-bot-answer", 0, []) { At = now, Channel = Channel.WhatsApp };
        var result = await journal.AppendAsync(new JournalUnit(tenant, conversationId, "cus_lost", 0,
            [new JournalRow(wrote, "in:wa-gw", "l1", "h"), new JournalRow(escalated)],
            new WaitingListChange("default", new QueueEntry(conversationId, "cus_lost", Channel.WhatsApp, 0, now, "no-bot-answer"))));
        Assert.Equal((UnitStatus.Appended, 2L), (result.Status, result.LastSeq));

        var view = await Conversation(conversationId).GetAsync();
        Assert.Equal((ConversationStatus.Queued, "cus_lost", Channel.WhatsApp, 2L), (view.Status, view.CustomerId, view.CurrentChannel, view.LastSeq));

        var observer = new RecordingObserver();
        var fox = Agent("fox");
        await fox.SubscribeAsync(fixture.Cluster.Client.CreateObjectReference<IAgentObserver>(observer));
        await fox.SetPresenceAsync(AgentPresence.Available, "Fox");
        Assert.Equal(conversationId, (await observer.NextAsync(AgentEventKind.Offer)).Event.ConversationId);
        await Conversation(conversationId).AcceptAsync(new Actor("fox"));
        var seq = (await Conversation(conversationId).ReplyAsync(new Actor("fox"), "f1", "Bonjour !")).Seq;
        Assert.Equal(view.LastSeq + 4, seq); // offered, accepted, the notice that Fox joined, then the reply: no gap after the replayed entries
        var sent = await fixture.Grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(tenant, "wa-gw")).GetPendingAsync(0, 10);
        Assert.Equal(2, sent.Count);
        Assert.Equal(("+33611112222", Channel.WhatsApp, seq), (sent[1].ToAddress, sent[1].Channel, sent[1].Seq));
    }

    private InboundMessage Message(string externalId, string text) => new(
        tenant, "gw", Channel.Sms, "+33600000000", externalId, DateTimeOffset.UtcNow, text, null, [], new Dictionary<string, string>(),
        DateTimeOffset.UtcNow, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));

    private ICustomerGrain Customer(string id) => fixture.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, id));

    private IConversationGrain Conversation(string id) => fixture.Grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, id));

    private IAgentGrain Agent(string id) => fixture.Grains.GetGrain<IAgentGrain>(GridKeys.Of(tenant, id));

    private sealed class RecordingObserver : IAgentObserver
    {
        private readonly Channel<(string AgentId, AgentEvent Event)> events = System.Threading.Channels.Channel.CreateUnbounded<(string, AgentEvent)>();

        public void OnAgentEvent(string tenant, string agentId, AgentEvent agentEvent) => events.Writer.TryWrite((agentId, agentEvent));

        public async Task<(string AgentId, AgentEvent Event)> NextAsync(AgentEventKind kind)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                var next = await events.Reader.ReadAsync(cts.Token);
                if (next.Event.Kind == kind)
                {
                    return next;
                }
            }
        }
    }
}
