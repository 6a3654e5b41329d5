using Grid.Routing;

namespace Grid.Tests.Routing;

/// <summary>
/// The pure routing policy: who is eligible (skills, languages, capacity per channel, presence, named agent, declines),
/// who gets it (the longest idle), in which order conversations go (priority, aging, deadlines), sticky routing, overflow.
/// </summary>
public sealed class RoutingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly RoutingPolicy.Weights Weights = RoutingPolicy.Weights.Default;
    private static readonly Dictionary<string, (string, Channel)> NoOffers = [];

    private static AgentRouting Agent(
        string id,
        int idleMinutes = 10,
        string skills = "",
        string languages = "",
        string capacity = "WebChat=4,Voice=1,Email=3",
        string load = "",
        AgentPresence presence = AgentPresence.Available,
        int? maxTotal = null)
    {
        var caps = Pairs(capacity);
        return new AgentRouting(
            id,
            presence,
            Pairs(skills).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            languages.Length == 0 ? [] : languages.Split(','),
            caps.ToDictionary(p => Enum.Parse<Channel>(p.Key), p => p.Value),
            Pairs(load).ToDictionary(p => Enum.Parse<Channel>(p.Key), p => p.Value),
            maxTotal ?? caps.Sum(p => p.Value),
            Now.AddMinutes(-idleMinutes));
    }

    private static List<KeyValuePair<string, int>> Pairs(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], int.Parse(p[1])))];

    private static RoutingPolicy.Waiting Waiting(string id, Channel channel = Channel.WebChat, int priority = 0, int waitedSeconds = 0, params string[] requirements) =>
        RoutingPolicy.Waiting.Of(new QueueEntry(id, "cus_" + id, channel, priority, Now.AddSeconds(-waitedSeconds), "test") { Requirements = requirements });

    private static List<(string Conversation, string Agent)> Choose(
        IEnumerable<RoutingPolicy.Waiting> waiting,
        IEnumerable<AgentRouting> agents,
        Dictionary<string, (string, Channel)>? pending = null,
        Func<string, string, bool>? excluded = null,
        TimeSpan sticky = default) =>
        [.. RoutingPolicy.Choose(RoutingPolicy.Order(waiting, Now, Weights), [.. agents], pending ?? NoOffers, excluded ?? ((_, _) => false), sticky, Now)
            .Select(o => (o.ConversationId, o.AgentId))];

    public static TheoryData<string, string[], string?> Eligibility => new()
    {
        // requirement(s) of the conversation, then who of ann (billing 3, fr) / bob (billing 5, en) / cat (no skill, any language) gets it
        { "nothing needed: the longest idle (cat, 30 min)", [], "cat" },
        { "billing 3: ann and bob qualify, ann idles longer", ["skill:billing:3"], "ann" },
        { "billing 4: only bob", ["skill:billing:4"], "bob" },
        { "billing 6: nobody", ["skill:billing:6"], null },
        { "English: bob, or cat who speaks any", ["language:en"], "cat" },
        { "English and billing: bob", ["language:en", "skill:billing:1"], "bob" },
        { "French and billing 4: nobody", ["language:fr", "skill:billing:4"], null },
        { "named agent: only her", ["agent:bob"], "bob" },
        { "unknown requirement kinds are ignored", ["colour:blue"], "cat" },
    };

    [Theory]
    [MemberData(nameof(Eligibility))]
    public void Offers_to_the_longest_idle_agent_who_has_the_skills_and_the_language(string why, string[] requirements, string? expected)
    {
        var agents = new[]
        {
            Agent("ann", idleMinutes: 20, skills: "billing=3", languages: "fr"),
            Agent("bob", idleMinutes: 5, skills: "billing=5", languages: "en"),
            Agent("cat", idleMinutes: 30),
        };
        var offers = Choose([Waiting("c1", requirements: requirements)], agents);
        Assert.True(expected == offers.SingleOrDefault().Agent, why);
    }

    public static TheoryData<string, string, string, AgentPresence, bool> Capacity => new()
    {
        // channel of the conversation, agent's capacity, agent's load, presence → offered?
        { "Voice", "Voice=1,WebChat=4", "", AgentPresence.Available, true },
        { "Voice", "Voice=1,WebChat=4", "Voice=1", AgentPresence.Available, false },
        { "WebChat", "Voice=1,WebChat=4", "Voice=1", AgentPresence.Available, true },
        { "WebChat", "Voice=1,WebChat=4", "WebChat=4", AgentPresence.Available, false },
        { "Email", "Voice=1,WebChat=4", "", AgentPresence.Available, false },
        { "WebChat", "WebChat=4", "", AgentPresence.Busy, false },
        { "WebChat", "WebChat=4", "", AgentPresence.Away, false },
        { "WebChat", "WebChat=4", "", AgentPresence.Offline, false },
    };

    [Theory]
    [MemberData(nameof(Capacity))]
    public void Needs_a_free_slot_on_the_conversations_channel_and_to_be_available(string channel, string capacity, string load, AgentPresence presence, bool offered)
    {
        var offers = Choose([Waiting("c1", Enum.Parse<Channel>(channel))], [Agent("ann", capacity: capacity, load: load, presence: presence)]);
        Assert.Equal(offered, offers.Count == 1);
    }

    [Fact]
    public void A_total_cap_limits_an_agent_across_channels()
    {
        var ann = Agent("ann", capacity: "WebChat=4,Email=3", load: "Email=2", maxTotal: 3);
        var offers = Choose([Waiting("c1"), Waiting("c2", waitedSeconds: 1)], [ann]);
        Assert.Equal([("c2", "ann")], offers); // one slot left in all: the one waiting longer
    }

    [Fact]
    public void Outstanding_offers_hold_slots_and_are_not_made_twice()
    {
        var ann = Agent("ann", capacity: "WebChat=2");
        var pending = new Dictionary<string, (string, Channel)> { ["c0"] = ("ann", Channel.WebChat) };
        var offers = Choose([Waiting("c0", waitedSeconds: 9), Waiting("c1", waitedSeconds: 5), Waiting("c2")], [ann], pending);
        Assert.Equal([("c1", "ann")], offers);
    }

    [Fact]
    public void Spreads_a_burst_over_agents_by_idle_time_then_fills_them()
    {
        var agents = new[] { Agent("ann", idleMinutes: 3, capacity: "WebChat=2"), Agent("bob", idleMinutes: 9, capacity: "WebChat=2") };
        var waiting = Enumerable.Range(1, 5).Select(i => Waiting("c" + i, waitedSeconds: 10 - i));
        Assert.Equal([("c1", "bob"), ("c2", "ann"), ("c3", "ann"), ("c4", "bob")], Choose(waiting, agents));
    }

    public static TheoryData<string, int, int, int, int, string?, string> Ordering => new()
    {
        // why, priority A, waited A (s), priority B, waited B (s), B's deadline in minutes (null: none) → taken first
        { "higher priority first", 10, 0, 0, 0, null, "a" },
        { "same priority: the one waiting longer", 0, 60, 0, 30, null, "a" },
        { "waiting earns a point per 30 s: 5 minutes beat 9 points", 9, 0, 0, 300, null, "b" },
        { "a deadline 1 minute away adds 18 points", 15, 0, 0, 0, "1", "b" },
        { "a deadline 9 minutes away adds 2 points", 15, 0, 0, 0, "9", "a" },
        { "a missed deadline adds 20", 19, 0, 0, 0, "-5", "b" },
    };

    [Theory]
    [MemberData(nameof(Ordering))]
    public void Takes_conversations_by_priority_time_waited_and_deadline(string why, int priorityA, int waitedA, int priorityB, int waitedB, string? dueB, string first)
    {
        string[] needs = dueB is null ? [] : [RoutingRequirements.DueBy(Now.AddMinutes(int.Parse(dueB)))];
        var offers = Choose(
            [Waiting("a", priority: priorityA, waitedSeconds: waitedA), Waiting("b", priority: priorityB, waitedSeconds: waitedB, requirements: needs)],
            [Agent("ann", capacity: "WebChat=1")]);
        Assert.True(first == offers.Single().Conversation, why);
    }

    [Fact]
    public void Never_offers_to_an_agent_the_caller_excludes_and_offers_to_the_next()
    {
        var agents = new[] { Agent("ann", idleMinutes: 30), Agent("bob", idleMinutes: 1) };
        Assert.Equal([("c1", "bob")], Choose([Waiting("c1")], agents, excluded: (c, a) => c == "c1" && a == "ann"));
        Assert.Empty(Choose([Waiting("c1")], agents, excluded: (_, _) => true));
    }

    [Fact]
    public void Sticky_goes_to_the_last_agent_when_free_waits_for_them_when_full_and_gives_up_after_the_window()
    {
        var window = TimeSpan.FromMinutes(1);
        var ann = Agent("ann", idleMinutes: 30);
        var bobFree = Agent("bob", idleMinutes: 1);
        var bobFull = Agent("bob", idleMinutes: 1, load: "WebChat=4");
        var bobAway = Agent("bob", idleMinutes: 1, presence: AgentPresence.Away);

        Assert.Equal([("c1", "bob")], Choose([Waiting("c1", requirements: "sticky:bob")], [ann, bobFree], sticky: window));
        Assert.Empty(Choose([Waiting("c1", waitedSeconds: 10, requirements: "sticky:bob")], [ann, bobFull], sticky: window));
        Assert.Equal([("c1", "ann")], Choose([Waiting("c1", waitedSeconds: 61, requirements: "sticky:bob")], [ann, bobFull], sticky: window));
        Assert.Equal([("c1", "ann")], Choose([Waiting("c1", requirements: "sticky:bob")], [ann, bobAway], sticky: window));
        Assert.Equal([("c1", "ann")], Choose([Waiting("c1", requirements: "sticky:bob")], [ann, bobFree], sticky: TimeSpan.Zero)); // the queue has no sticky window
        Assert.Equal([("c1", "ann")], Choose([Waiting("c1", requirements: "sticky:bob")], [ann, bobFree], excluded: (_, a) => a == "bob", sticky: window));
    }

    [Fact]
    public void Overflows_what_waited_past_the_threshold_and_is_not_being_offered()
    {
        var queue = new QueueDefinition("billing", [], [], OverflowQueue: "general", OverflowAfter: TimeSpan.FromMinutes(2));
        var waiting = new[] { Waiting("old", waitedSeconds: 121), Waiting("offered", waitedSeconds: 300), Waiting("young", waitedSeconds: 60), Waiting("named", waitedSeconds: 999, requirements: "agent:ann") };
        var pending = new Dictionary<string, (string, Channel)> { ["offered"] = ("ann", Channel.WebChat) };
        Assert.Equal(["old"], RoutingPolicy.Overflowing(waiting, queue, pending, Now).Select(e => e.ConversationId));
        Assert.Empty(RoutingPolicy.Overflowing(waiting, queue with { OverflowQueue = null }, pending, Now));
    }

    [Fact]
    public void The_lazy_order_and_the_place_agree_with_the_full_sort()
    {
        var random = new Random(7);
        var waiting = Enumerable.Range(0, 300).Select(i => Waiting("c" + i, priority: random.Next(0, 4) * 5, waitedSeconds: random.Next(0, 20) * 30,
            requirements: i % 7 == 0 ? [RoutingRequirements.DueBy(Now.AddMinutes(random.Next(-2, 12)))] : [])).ToList();
        var sorted = RoutingPolicy.Order(waiting, Now, Weights);
        Assert.Equal(sorted.Select(w => w.Entry.ConversationId), RoutingPolicy.InOrder(waiting, Now, Weights).Select(w => w.Entry.ConversationId));
        foreach (var i in new[] { 0, 1, 150, 299 })
        {
            Assert.Equal(i + 1, RoutingPolicy.Position(waiting, sorted[i].Entry.ConversationId, Now, Weights));
        }

        Assert.Equal(0, RoutingPolicy.Position(waiting, "absent", Now, Weights));
    }

    [Fact]
    public void Conversations_nobody_can_take_do_not_stop_those_behind_them()
    {
        // The first two need a skill nobody has; the third needs nothing. A declined one does not mark its needs hopeless.
        var waiting = new[]
        {
            Waiting("c1", waitedSeconds: 30, requirements: "skill:law:5"),
            Waiting("c2", waitedSeconds: 20, requirements: "skill:law:5"),
            Waiting("c3", waitedSeconds: 15),
            Waiting("c4", waitedSeconds: 10),
        };
        Assert.Equal([("c3", "ann")], Choose(waiting, [Agent("ann", capacity: "WebChat=1")]));
        Assert.Equal([("c4", "ann")], Choose(waiting, [Agent("ann", capacity: "WebChat=1")], excluded: (c, _) => c == "c3"));
    }

    [Fact]
    public void With_nobody_free_a_pass_offers_nothing()
    {
        var waiting = Enumerable.Range(0, 1_000).Select(i => Waiting("c" + i, waitedSeconds: i));
        var agents = Enumerable.Range(0, 100).Select(i => Agent("a" + i, capacity: "WebChat=1", load: "WebChat=1"));
        Assert.Empty(Choose(waiting, agents));
    }
}
