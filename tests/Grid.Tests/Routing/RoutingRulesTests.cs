using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Routing;

namespace Grid.Tests.Routing;

/// <summary>Requirements' format, the tenant's entry rules, the validation of routing configuration, overflow and re-queue decisions.</summary>
public sealed class RoutingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Requirements_round_trip_and_skip_what_they_do_not_know()
    {
        var needs = RoutingRequirements.Parse(["skill:billing:3", "skill:a:b:7", "language:en", "sticky:ann", RoutingRequirements.DueBy(Now), "skill:bad", "x:y", "agent:bob"]);
        Assert.Equal(new Dictionary<string, int> { ["billing"] = 3, ["a:b"] = 7 }, needs.Skills);
        Assert.Equal(("en", "bob", "ann", (DateTimeOffset?)Now), (needs.Language, needs.Target, needs.Sticky, needs.Due));
        Assert.Equal(["skill:billing:3", "language:en"], RoutingRequirements.Without(["skill:billing:3", "skill:vip:2", "language:en", "sticky:ann"], ["vip"]));
    }

    public static TheoryData<Channel, string?, string?, string, string?> Rules => new()
    {
        // channel, language, tier, fact "flow.topic" → queue (null: no rule matched)
        { Channel.Voice, "fr", null, "", "phone" },
        { Channel.Sms, "en", null, "", "english" },
        { Channel.Sms, "fr", "gold", "", "vip" },
        { Channel.Sms, "fr", null, "refund", "billing" },
        { Channel.Sms, "fr", null, "other", "any-topic" },
        { Channel.Sms, "fr", null, "", null },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_first_matching_entry_rule_names_the_queue(Channel channel, string? language, string? tier, string topic, string? queue)
    {
        EntryRule[] rules =
        [
            new("phone", Channel: Channel.Voice),
            new("english", Language: "en"),
            new("vip", CustomerTier: "gold"),
            new("billing", FactKey: "flow.topic", FactValue: "refund"),
            new("any-topic", FactKey: "flow.topic"),
        ];
        var facts = topic.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["flow.topic"] = topic };
        Assert.Equal(queue, EntryRules.Match(rules, channel, language, tier, facts));
    }

    [Fact]
    public void A_queue_gives_its_skills_its_language_stickiness_and_keeps_a_named_agent()
    {
        var queue = new QueueDefinition("billing", [new SkillLevel("billing", 3)], ["fr", "en"], StickyWindow: TimeSpan.FromMinutes(1));
        Assert.Equal(["agent:bob", "skill:billing:3", "language:fr", "sticky:ann", RoutingRequirements.DueBy(Now)],
            EntryRules.Requirements(["agent:bob", "skill:old:1", "language:en"], queue, "de", "ann", Now));
        Assert.Equal(["language:en"], EntryRules.Requirements([], new QueueDefinition("q", [], []), "en", "ann", null)); // no sticky window: not sticky
        Assert.Empty(EntryRules.Requirements([], null, null, null, null));
        Assert.Equal((0, 0, 5, 10), (EntryRules.SentimentBoost(null), EntryRules.SentimentBoost(0.4), EntryRules.SentimentBoost(-0.5), EntryRules.SentimentBoost(-1)));
    }

    public static TheoryData<QueueDefinition, string?> Queues => new()
    {
        { new QueueDefinition("billing", [new SkillLevel("billing", 3)], ["fr"], TimeSpan.FromSeconds(20), "general", TimeSpan.FromMinutes(2), ["billing"], TimeSpan.FromMinutes(1)), null },
        { new QueueDefinition("Billing", [], []), "queue.name" },
        { new QueueDefinition("billing", [new SkillLevel("billing", 0)], []), "queue.skills" },
        { new QueueDefinition("billing", [new SkillLevel("billing", 11)], []), "queue.skills" },
        { new QueueDefinition("billing", [new SkillLevel("Bill ing", 1)], []), "queue.skills" },
        { new QueueDefinition("billing", [new SkillLevel("a", 1), new SkillLevel("a", 2)], []), "queue.skills" },
        { new QueueDefinition("billing", [], ["french"]), "queue.languages" },
        { new QueueDefinition("billing", [], ["fr", "fr"]), "queue.languages" },
        { new QueueDefinition("billing", [], [], TimeSpan.FromSeconds(1)), "queue.offer_timeout" },
        { new QueueDefinition("billing", [], [], TimeSpan.FromHours(1)), "queue.offer_timeout" },
        { new QueueDefinition("billing", [], [], OverflowQueue: "general"), "queue.overflow_after" },
        { new QueueDefinition("billing", [], [], OverflowQueue: "billing", OverflowAfter: TimeSpan.FromMinutes(1)), "queue.overflow_queue" },
        { new QueueDefinition("billing", [], [], OverflowAfter: TimeSpan.FromMinutes(1)), "queue.overflow_queue" },
        { new QueueDefinition("billing", [], [], OverflowQueue: "general", OverflowAfter: TimeSpan.FromMinutes(1), OverflowDropsSkills: ["Not A Skill"]), "queue.overflow_drops_skills" },
        { new QueueDefinition("billing", [], [], StickyWindow: TimeSpan.FromHours(2)), "queue.sticky_window" },
        { new QueueDefinition("billing", [], [], StickyWindow: TimeSpan.FromSeconds(-1)), "queue.sticky_window" },
    };

    [Theory]
    [MemberData(nameof(Queues))]
    public void A_queue_is_refused_naming_the_field(QueueDefinition queue, string? field) =>
        Assert.Equal(field, RoutingConfigValidator.Check(queue)?.Field);

    public static TheoryData<EntryRule, string?> EntryRuleCases => new()
    {
        { new EntryRule("billing", Channel.Email, "fr", "gold", "flow.topic", "refund"), null },
        { new EntryRule("Billing"), "rules[0].queue" },
        { new EntryRule("billing", Channel: Channel.Unspecified), "rules[0].channel" },
        { new EntryRule("billing", Language: "FR"), "rules[0].language" },
        { new EntryRule("billing", CustomerTier: "Gold Tier"), "rules[0].customer_tier" },
        { new EntryRule("billing", FactKey: new string('k', 101)), "rules[0].fact_key" },
        { new EntryRule("billing", FactValue: "refund"), "rules[0].fact_value" },
    };

    [Theory]
    [MemberData(nameof(EntryRuleCases))]
    public void An_entry_rule_is_refused_naming_the_field(EntryRule rule, string? field) =>
        Assert.Equal(field, RoutingConfigValidator.Check([rule])?.Field);

    public static TheoryData<AgentProfile, string?> Agents => new()
    {
        { new AgentProfile("ann", "Ann", [new SkillLevel("billing", 5)], ["fr", "en"], new Dictionary<Channel, int> { [Channel.Voice] = 1, [Channel.WebChat] = 4 }), null },
        { new AgentProfile("Ann Smith", "Ann", [], [], new Dictionary<Channel, int> { [Channel.Voice] = 1 }), "agent.agent_id" },
        { new AgentProfile("ann", "Ann\u0007", [], [], new Dictionary<Channel, int> { [Channel.Voice] = 1 }), "agent.display_name" },
        { new AgentProfile("ann", "Ann", [new SkillLevel("billing", 12)], [], new Dictionary<Channel, int> { [Channel.Voice] = 1 }), "agent.skills" },
        { new AgentProfile("ann", "Ann", [], ["xx-yy"], new Dictionary<Channel, int> { [Channel.Voice] = 1 }), "agent.languages" },
        { new AgentProfile("ann", "Ann", [], [], new Dictionary<Channel, int>()), "agent.capacity" },
        { new AgentProfile("ann", "Ann", [], [], new Dictionary<Channel, int> { [Channel.Voice] = 51 }), "agent.capacity" },
        { new AgentProfile("ann", "Ann", [], [], new Dictionary<Channel, int> { [Channel.Unspecified] = 1 }), "agent.capacity" },
    };

    [Theory]
    [MemberData(nameof(Agents))]
    public void An_agent_profile_is_refused_naming_the_field(AgentProfile agent, string? field) =>
        Assert.Equal(field, RoutingConfigValidator.Check(agent)?.Field);

    [Fact]
    public void Overflow_moves_only_a_conversation_still_waiting_in_that_queue_and_drops_the_skills_named()
    {
        var waiting = new ConversationState { Status = ConversationStatus.Queued, Queue = "billing", Priority = 7, Requirements = ["skill:billing:3", "skill:fr-law:2", "language:fr", "sticky:ann"] };
        var moved = Assert.IsType<Escalated>(Assert.Single(ConversationDecider.Overflow(waiting, "billing", "general", ["billing"], Now)));
        Assert.Equal(("general", "overflow:billing", 7), (moved.Queue, moved.Reason, moved.Priority));
        Assert.Equal(["skill:fr-law:2", "language:fr"], moved.Requirements);
        Assert.Empty(ConversationDecider.Overflow(waiting, "other", "general", [], Now));
        var offered = new ConversationState { Status = ConversationStatus.Offered, Queue = "billing" };
        Assert.Empty(ConversationDecider.Overflow(offered, "billing", "general", [], Now));
    }

    [Fact]
    public void A_disconnected_agents_conversation_goes_back_to_its_queue_unless_someone_else_holds_it()
    {
        var held = new ConversationState { Status = ConversationStatus.WithAgent, AssignedAgent = "ann", Queue = "billing", Priority = 3, Requirements = ["skill:billing:3", "sticky:ann"] };
        var events = ConversationDecider.Requeue(held, "ann", "agent-disconnected", Now);
        var transferred = Assert.IsType<Transferred>(events[0]);
        Assert.Equal(("ann", "billing"), (transferred.AgentId, transferred.Queue));
        var back = Assert.IsType<Escalated>(events[1]);
        Assert.Equal(("billing", "agent-disconnected", 3), (back.Queue, back.Reason, back.Priority));
        Assert.Equal(["skill:billing:3"], back.Requirements);
        Assert.Empty(ConversationDecider.Requeue(held, "bob", "agent-disconnected", Now));
        Assert.Empty(ConversationDecider.Requeue(new ConversationState { Status = ConversationStatus.Resolved, AssignedAgent = "ann" }, "ann", "agent-disconnected", Now));
    }
}
