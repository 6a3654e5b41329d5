using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;

/// <summary>An embedded host whose agents' disconnect grace is short enough to watch (3 s).</summary>
public sealed class RoutingGridFixture : IAsyncLifetime
{
    public EmbeddedGrid Grid { get; } = new();

    public Task InitializeAsync() => Grid.StartAsync(new Dictionary<string, string>
    {
        ["Grid__Routing__DisconnectGrace"] = "00:00:03",
    });

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<RoutingGridFixture>
{
    public const string Name = "routing";
}

/// <summary>
/// Routing through a real integrator (gRPC, RoutingService) and real agents (SignalR): entry rules, skills, languages,
/// capacity per channel, decline, offer timeout, sticky routing, overflow, disconnect and grace, supervisors' view.
/// Each test has its own tenant.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class RoutingTests(RoutingGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task The_admin_api_stores_valid_configuration_and_refuses_the_rest_naming_the_field_storing_nothing()
    {
        await using var admin = Grid.IntegratorOf("route-admin");
        var billing = Queue("billing", ("billing", 3));
        billing.Languages.Add("fr");
        billing.OfferTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(20));
        billing.OverflowQueue = "general";
        billing.OverflowAfter = Duration.FromTimeSpan(TimeSpan.FromMinutes(3));
        billing.OverflowDropsSkills.Add("billing");
        billing.StickyWindow = Duration.FromTimeSpan(TimeSpan.FromMinutes(1));
        var set = await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = billing }, admin.Headers);
        Assert.Equal(billing, set.Queue);
        Assert.Equal(billing, (await admin.Routing.GetQueueAsync(new GetQueueRequest { Name = "billing" }, admin.Headers)).Queue);

        async Task RefusedAsync(Func<Task> call, string field)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.Status.Detail);
        }

        var bad = Queue("tech", ("Not A Skill", 3));
        await RefusedAsync(() => admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = bad }, admin.Headers).ResponseAsync, "queue.skills");
        var selfOverflow = Queue("tech");
        selfOverflow.OverflowQueue = "tech";
        selfOverflow.OverflowAfter = Duration.FromTimeSpan(TimeSpan.FromMinutes(1));
        await RefusedAsync(() => admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = selfOverflow }, admin.Headers).ResponseAsync, "queue.overflow_queue");
        await RefusedAsync(() => admin.Routing.SetQueueAsync(new SetQueueRequest(), admin.Headers).ResponseAsync, "queue is required");
        var notFound = await Assert.ThrowsAsync<RpcException>(() => admin.Routing.GetQueueAsync(new GetQueueRequest { Name = "tech" }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode); // nothing stored on a refusal

        var rules = new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "billing", Channel = Channel.Email }, new EntryRule { Queue = "vip", CustomerTier = "gold" } } };
        var version = (await admin.Routing.SetEntryRulesAsync(rules, admin.Headers)).Version;
        await RefusedAsync(
            () => admin.Routing.SetEntryRulesAsync(new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "billing", FactValue = "x" } } }, admin.Headers).ResponseAsync,
            "rules[0].fact_value");
        var stored = await admin.Routing.GetEntryRulesAsync(new GetEntryRulesRequest(), admin.Headers);
        Assert.Equal((rules.Rules, version), (stored.Rules, stored.Version));

        await RefusedAsync(() => admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = Profile("ann", "fr", Channel.Sms, 0, ("billing", 11)) }, admin.Headers).ResponseAsync, "agent.skills");
        var duplicate = Profile("ann", "fr", Channel.Sms, 1);
        duplicate.Capacity.Add(new ChannelCapacity { Channel = Channel.Sms, Conversations = 2 });
        await RefusedAsync(() => admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = duplicate }, admin.Headers).ResponseAsync, "agent.capacity");
        await admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = Profile("ann", "fr", Channel.Sms, 2, ("billing", 4)) }, admin.Headers);
        Assert.Equal(["billing"], (await admin.Routing.ListQueuesAsync(new ListQueuesRequest(), admin.Headers)).Queues.Select(q => q.Name));

        await using var ingestOnly = Grid.Integrator(Grid.Keys.IngestOnlyApiKey);
        var denied = await Assert.ThrowsAsync<RpcException>(() => ingestOnly.Routing.ListQueuesAsync(new ListQueuesRequest(), ingestOnly.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task An_entry_rule_picks_the_queue_and_only_an_agent_with_the_skill_level_language_and_a_slot_on_the_channel_is_offered_a_decline_is_final()
    {
        const string tenant = "route-skills";
        await using var admin = Grid.IntegratorOf(tenant);
        var billing = Queue("billing", ("billing", 3));
        billing.Languages.Add("fr");
        await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = billing }, admin.Headers);
        await admin.Routing.SetEntryRulesAsync(new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "billing", Channel = Channel.Sms } } }, admin.Headers);
        foreach (var profile in new[]
        {
            Profile("dan", "en", Channel.Sms, 2, ("billing", 5)),    // speaks English only
            Profile("cat", "fr", Channel.Email, 3, ("billing", 5)),  // no SMS slot
            Profile("ann", "fr", Channel.Sms, 2, ("billing", 2)),    // level too low
            Profile("bob", "fr", Channel.Sms, 2, ("billing", 4)),
        })
        {
            await admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = profile }, admin.Headers);
        }

        // Connected in this order, so the ones who cannot take it have been idle longest.
        await using var dan = await AvailableAsync("dan", tenant);
        await using var cat = await AvailableAsync("cat", tenant);
        await using var ann = await AvailableAsync("ann", tenant);
        await using var bob = await AvailableAsync("bob", tenant);

        var posted = await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "rs-1-" + Guid.NewGuid(), "bonjour, une question sur ma facture");
        var offer = await bob.NextOfferAsync(Wait);
        Assert.Equal((posted.ConversationId, "billing"), (offer.Conversation.ConversationId, offer.Conversation.Queue));
        await bob.Hub.InvokeAsync("Decline", posted.ConversationId);

        // Nobody else qualifies until ann's level is raised; then she gets it, and bob never again.
        await admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = Profile("ann", "fr", Channel.Sms, 2, ("billing", 3)) }, admin.Headers);
        var annOffer = await UntilOfferAsync(ann, () => ann.Hub.InvokeAsync<AgentDto>("SetStatus", "Available", null));
        Assert.Equal(posted.ConversationId, annOffer.Conversation.ConversationId);
        Assert.False(bob.Offers.Reader.TryRead(out _));
        Assert.False(dan.Offers.Reader.TryRead(out _));
        Assert.False(cat.Offers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_offer_that_expires_goes_to_the_next_agent_at_the_queues_timeout()
    {
        const string tenant = "route-timeout";
        await using var admin = Grid.IntegratorOf(tenant);
        var queue = Queue("default");
        queue.OfferTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(5));
        await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = queue }, admin.Headers);
        await using var ann = await AvailableAsync("ann", tenant);
        await using var bob = await AvailableAsync("bob", tenant);

        var posted = await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "rt-1-" + Guid.NewGuid(), "allo ?");
        var first = await ann.NextOfferAsync(Wait); // idle longest
        var clock = Stopwatch.StartNew();
        var second = await bob.NextOfferAsync(Wait);
        Assert.Equal(posted.ConversationId, second.Conversation.ConversationId);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15)); // the queue's 5 s, not the default 30 s
        Assert.NotEqual(first.OfferId, second.OfferId);
    }

    [Fact]
    public async Task A_returning_customer_goes_first_to_the_agent_who_last_helped_them()
    {
        const string tenant = "route-sticky";
        await using var admin = Grid.IntegratorOf(tenant);
        var queue = Queue("default");
        queue.StickyWindow = Duration.FromTimeSpan(TimeSpan.FromMinutes(1));
        await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = queue }, admin.Headers);
        await using var ann = await AvailableAsync("ann", tenant);
        await using var bob = await AvailableAsync("bob", tenant);
        var phone = MessagePathTests.UniquePhone();

        var first = await admin.PostSmsAsync(phone, "st-1-" + Guid.NewGuid(), "bonjour, ma livraison est en retard");
        Assert.Equal(first.ConversationId, (await ann.NextOfferAsync(Wait)).Conversation.ConversationId);
        await ann.Hub.InvokeAsync<ConversationDto>("Accept", first.ConversationId);
        await ann.Hub.InvokeAsync("Resolve", first.ConversationId, "livré demain");

        // ann just finished: bob has been idle longer and would get it, but the customer comes back to ann.
        await admin.PostSmsAsync(phone, "st-2-" + Guid.NewGuid(), "finalement le colis n'est toujours pas là");
        var again = await ann.NextOfferAsync(Wait);
        Assert.Equal(first.ConversationId, again.Conversation.ConversationId);
        var escalations = (await admin.ListAllAsync(first.ConversationId)).Where(e => e.Metadata.ContainsKey("queue")).ToList();
        Assert.Contains("sticky:ann", escalations[^1].Metadata["requirements"]);
        Assert.False(bob.Offers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_conversation_nobody_can_take_overflows_after_the_threshold_to_a_queue_needing_fewer_skills()
    {
        const string tenant = "route-overflow";
        await using var admin = Grid.IntegratorOf(tenant);
        var specialist = Queue("legal", ("law", 5));
        specialist.OverflowQueue = "general";
        specialist.OverflowAfter = Duration.FromTimeSpan(TimeSpan.FromSeconds(2));
        specialist.OverflowDropsSkills.Add("law");
        await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = specialist }, admin.Headers);
        await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = Queue("general") }, admin.Headers);
        await admin.Routing.SetEntryRulesAsync(new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "legal" } } }, admin.Headers);
        await using var ann = await AvailableAsync("ann", tenant); // no profile: no skills

        var posted = await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "ov-1-" + Guid.NewGuid(), "question sur mon contrat");
        var offer = await ann.NextOfferAsync(Wait);
        Assert.Equal((posted.ConversationId, "general"), (offer.Conversation.ConversationId, offer.Conversation.Queue));
        var entries = await admin.ListAllAsync(posted.ConversationId);
        var overflow = Assert.Single(entries, e => e.Reason == "overflow:legal");
        Assert.Equal("general", overflow.Metadata["queue"]);
        Assert.DoesNotContain("skill:law", overflow.Metadata.TryGetValue("requirements", out var needs) ? needs : "");
    }

    [Fact]
    public async Task A_disconnected_agents_offers_go_back_at_once_and_their_conversations_after_the_grace_period()
    {
        const string tenant = "route-disconnect";
        await using var admin = Grid.IntegratorOf(tenant);
        var ann = await AvailableAsync("ann", tenant);
        var posted = await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "dc-1-" + Guid.NewGuid(), "j'ai besoin d'aide");
        await ann.NextOfferAsync(Wait);
        await ann.Hub.InvokeAsync<ConversationDto>("Accept", posted.ConversationId);
        await ann.DisposeAsync();

        var requeued = await UntilAsync(async () =>
        {
            var c = await admin.GetConversationAsync(posted.ConversationId);
            return c.Status == ConversationStatus.Queued ? c : null;
        });
        Assert.Equal("agent-disconnected", requeued.StatusReason);

        // bob is offered it and leaves without answering: the offer comes back now, not after the 30 s timeout.
        var bob = await AvailableAsync("bob", tenant);
        Assert.Equal(posted.ConversationId, (await bob.NextOfferAsync(Wait)).Conversation.ConversationId);
        await bob.DisposeAsync();
        var clock = Stopwatch.StartNew();
        await using var carl = await AvailableAsync("carl", tenant);
        Assert.Equal(posted.ConversationId, (await carl.NextOfferAsync(Wait)).Conversation.ConversationId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the offer came back after {clock.Elapsed}");

        // The agent who left shows as offline, with the reason, and holds nothing.
        await using var sue = await Grid.AgentAsync("sue", tenant, role: "supervisor");
        var agents = await sue.Hub.InvokeAsync<List<AgentSummaryDto>>("ListAgents");
        var annNow = Assert.Single(agents, a => a.AgentId == "ann");
        Assert.Equal(("Offline", "disconnected"), (annNow.Presence, annNow.Reason));
        Assert.All(annNow.Load.Values, l => Assert.Equal(0, l.Used));
    }

    [Fact]
    public async Task Supervisors_list_queues_and_agents_with_status_reason_and_load_and_agents_may_not()
    {
        const string tenant = "route-sup";
        await using var admin = Grid.IntegratorOf(tenant);
        await admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = Profile("ann", "fr", Channel.Sms, 2) }, admin.Headers);
        await using var ann = await Grid.AgentAsync("ann", tenant);
        var busy = await ann.Hub.InvokeAsync<AgentDto>("SetStatus", "Busy", "formation");
        Assert.Equal(("Busy", "formation"), (busy.Presence, busy.Reason));
        var unknown = await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<AgentDto>("SetStatus", "Sleeping", null));
        Assert.Contains("HubException: invalid:", unknown.Message);
        var forbidden = await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<JsonElement>("ListQueues"));
        Assert.Contains("HubException: forbidden:", forbidden.Message);
        Assert.Contains("HubException: forbidden:", (await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<JsonElement>("ListAgents"))).Message);

        // Nobody available: the conversation waits.
        await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "su-1-" + Guid.NewGuid(), "il y a quelqu'un ?");
        await using var sue = await Grid.AgentAsync("sue", tenant, role: "supervisor");
        var queue = JsonDocument.Parse(await UntilAsync(async () =>
        {
            var queues = await sue.Hub.InvokeAsync<JsonElement>("ListQueues");
            var found = queues.EnumerateArray().First(q => q.GetProperty("queue").GetString() == "default");
            return found.GetProperty("depth").GetInt32() == 1 ? found.GetRawText() : null;
        })).RootElement;
        Assert.True(queue.GetProperty("longestWaitSeconds").GetDouble() >= 0);
        Assert.Equal(0, queue.GetProperty("agentsAvailable").GetInt32());

        var agents = await sue.Hub.InvokeAsync<JsonElement>("ListAgents");
        var annJson = agents.EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == "ann");
        Assert.Equal(("Busy", "formation"), (annJson.GetProperty("presence").GetString(), annJson.GetProperty("reason").GetString()));
        Assert.Equal(2, annJson.GetProperty("load").GetProperty("Sms").GetProperty("capacity").GetInt32());
        Assert.Equal(0, annJson.GetProperty("load").GetProperty("Sms").GetProperty("used").GetInt32());
        Assert.True(annJson.TryGetProperty("displayName", out _) && annJson.TryGetProperty("idleSinceUtc", out _));
        Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("agentId").GetString() == "sue"); // seen connecting, no profile
    }

    internal static Queue Queue(string name, params (string Skill, int Level)[] skills)
    {
        var queue = new Queue { Name = name };
        queue.Skills.AddRange(skills.Select(s => new SkillLevel { Skill = s.Skill, Level = s.Level }));
        return queue;
    }

    internal static AgentProfile Profile(string agentId, string language, Channel channel, int capacity, params (string Skill, int Level)[] skills)
    {
        var profile = new AgentProfile { AgentId = agentId, DisplayName = agentId.ToUpperInvariant(), Languages = { language } };
        profile.Skills.AddRange(skills.Select(s => new SkillLevel { Skill = s.Skill, Level = s.Level }));
        profile.Capacity.Add(new ChannelCapacity { Channel = channel, Conversations = capacity });
        return profile;
    }

    private async Task<AgentConnection> AvailableAsync(string agentId, string tenant)
    {
        var agent = await Grid.AgentAsync(agentId, tenant);
        await agent.Hub.InvokeAsync<AgentDto>("SetStatus", "Available", null);
        return agent;
    }

    /// <summary>The next offer, repeating <paramref name="nudge"/> each second until one arrives (a profile change reaches silos within 5 s).</summary>
    private static async Task<OfferDto> UntilOfferAsync(AgentConnection agent, Func<Task> nudge)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await nudge();
            try
            {
                return await agent.NextOfferAsync(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the expected state");
            await Task.Delay(200);
        }
    }
}

/// <summary>
/// Routing configuration and agents' presence are grain state: a killed and restarted host reads them back (each list is
/// stored as a plain list or dictionary, so the storage's type names resolve after a restart).
/// </summary>
public sealed class RoutingRestartTests
{
    [Fact]
    public async Task Queues_rules_profiles_and_presence_survive_a_kill_and_a_restart()
    {
        const string tenant = "route-restart";
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        var queue = RoutingTests.Queue("billing", ("billing", 3));
        queue.Languages.Add("fr");
        queue.OverflowQueue = "general";
        queue.OverflowAfter = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(2));
        queue.OverflowDropsSkills.Add("billing");
        var rules = new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "billing", Channel = Channel.Sms, Language = "fr" } } };
        await using (var admin = grid.IntegratorOf(tenant))
        {
            await admin.Routing.SetQueueAsync(new SetQueueRequest { Queue = queue }, admin.Headers);
            await admin.Routing.SetEntryRulesAsync(rules, admin.Headers);
            await admin.Routing.SetAgentProfileAsync(new SetAgentProfileRequest { Agent = RoutingTests.Profile("ann", "fr", Channel.Voice, 1, ("billing", 4)) }, admin.Headers);
        }

        // ann's desk stays open until the host dies (closing it would make her offline, "disconnected").
        await using var ann = await grid.AgentAsync("ann", tenant);
        await ann.Hub.InvokeAsync<AgentDto>("SetStatus", "Away", "pause");
        await grid.KillAsync();
        await grid.StartAsync();

        await using var after = grid.IntegratorOf(tenant);
        Assert.Equal(queue, (await after.Routing.GetQueueAsync(new GetQueueRequest { Name = "billing" }, after.Headers)).Queue);
        Assert.Equal(rules.Rules, (await after.Routing.GetEntryRulesAsync(new GetEntryRulesRequest(), after.Headers)).Rules);
        await using var sue = await grid.AgentAsync("sue", tenant, role: "supervisor");
        var ann2 = Assert.Single(await sue.Hub.InvokeAsync<List<AgentSummaryDto>>("ListAgents"), a => a.AgentId == "ann");
        Assert.Equal(("Away", "pause"), (ann2.Presence, ann2.Reason));
        Assert.Equal(1, ann2.Load["Voice"].Capacity);
    }
}
