using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.EndToEnd;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// The tenant's escalation rules through the real edges: the bot asks to rephrase then hands over after the limit; a
/// tier that always goes to a person, with its priority and the policy's queue; outside opening hours; the policy's
/// administration and its refusals. Each test has its own tenant (its own policy).
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class EscalationTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task Two_messages_the_bot_cannot_answer_go_to_a_person_after_it_asked_to_rephrase_once()
    {
        await using var integrator = await WithKnowledgeAsync("esc-nomatch");
        await using var outbound = integrator.OpenOutbound();
        var phone = MessagePathTests.UniquePhone();

        var first = await integrator.PostSmsAsync(phone, "nm-1-" + Guid.NewGuid(), "le chat de ma voisine a eu des chatons, ils sont trop mignons");
        var rephrase = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.BotMessage);
        Assert.StartsWith("Je ne suis pas sûr d'avoir bien compris", rephrase.Text);
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(first.ConversationId)).Status);

        await integrator.PostSmsAsync(phone, "nm-2-" + Guid.NewGuid(), "et sinon vous aimez les pizzas aux anchois");

        var conversation = await integrator.GetConversationAsync(first.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "no-match-limit", "default"), (conversation.Status, conversation.StatusReason, conversation.Queue));
        var acknowledgement = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.SystemMessage);
        Assert.StartsWith("Merci pour votre message", acknowledgement.Text);
        // Nobody is available in this tenant: the customer is told where they stand.
        var place = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.SystemMessage);
        for (var i = 0; i < 5 && place.Text != "Vous êtes le prochain à être pris en charge."; i++)
        {
            Assert.StartsWith("Merci pour votre message", place.Text); // delivered again until acknowledged: at least once
            place = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.SystemMessage);
        }

        Assert.Equal("Vous êtes le prochain à être pris en charge.", place.Text);
        Assert.Single(await integrator.ListAllAsync(first.ConversationId), e => e.Metadata.GetValueOrDefault("purpose") == "queue-position");
    }

    [Fact]
    public async Task A_platinum_customer_goes_to_a_person_with_the_tiers_priority_in_the_policys_queue()
    {
        await using var integrator = await WithKnowledgeAsync("esc-tier");
        var policy = new EscalationPolicy { NoMatchLimit = 2, SentimentThreshold = -0.5, Queue = "front-desk", Tiers = { new TierRule { Name = "platinum", AlwaysHuman = true, Priority = 50 } } };
        await integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = policy }, integrator.Headers);
        var phone = MessagePathTests.UniquePhone();

        var before = await integrator.PostSmsAsync(phone, "tier-1-" + Guid.NewGuid(), "what are your opening hours?");
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(before.ConversationId)).Status);
        await integrator.Escalation.SetCustomerTierAsync(new SetCustomerTierRequest { CustomerId = before.CustomerId, Tier = "platinum" }, integrator.Headers);

        await integrator.PostSmsAsync(phone, "tier-2-" + Guid.NewGuid(), "and are you open on saturdays?");

        var conversation = await integrator.GetConversationAsync(before.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "tier:platinum", "front-desk"), (conversation.Status, conversation.StatusReason, conversation.Queue));
        var escalated = Assert.Single(await integrator.ListAllAsync(before.ConversationId), e => e.EventType == "escalated");
        Assert.Equal("50", escalated.Metadata["priority"]);
        Assert.Single(await integrator.ListAllAsync(before.ConversationId), e => e.Kind == EntryKind.BotMessage); // only the first answer
    }

    [Fact]
    public async Task Outside_opening_hours_the_customer_is_told_when_people_answer_and_offered_a_callback()
    {
        await using var integrator = await WithKnowledgeAsync("esc-hours");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(1);
        var hours = new OpeningHours { TimeZone = "Europe/Paris", Week = { new OpeningSlot { Day = WeekdayOf(tomorrow.DayOfWeek), From = "09:00", To = "10:00" } } };
        await integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Hours = hours } }, integrator.Headers);
        await using var outbound = integrator.OpenOutbound();

        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "hours-" + Guid.NewGuid(), "je veux parler à un conseiller svp");

        var conversation = await integrator.GetConversationAsync(posted.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "asked-for-human"), (conversation.Status, conversation.StatusReason));
        var notice = await outbound.NextForAsync(posted.ConversationId, Wait, EntryKind.SystemMessage);
        var expected = global::Grid.Pipeline.Steps.AcknowledgeStep.Format(new DateTimeOffset(tomorrow.AddHours(9), paris.GetUtcOffset(tomorrow.AddHours(9))), french: true);
        Assert.Contains("à partir de " + expected, notice.Text);
        Assert.Contains("rappelez-moi", notice.Text);
        var facts = Assert.Single(await integrator.ListAllAsync(posted.ConversationId), e => e.EventType == "facts-set" && e.Author == "step:escalate");
        Assert.StartsWith(tomorrow.ToString("yyyy-MM-dd") + "T09:00:00", facts.Metadata["next-opening"]);
    }

    [Theory]
    [InlineData("C'EST SCANDALEUX, ça fait 3 semaines que j'attends mon remboursement, vous êtes des incompétents !!!", "fr")]
    [InlineData("This is ridiculous. Worst service ever, I'm fed up with waiting for my refund", "en")]
    public async Task An_angry_customer_goes_to_a_person_without_a_canned_answer_and_a_calm_one_gets_the_bot(string angry, string language)
    {
        await using var integrator = await WithKnowledgeAsync("esc-sentiment");
        await using var outbound = integrator.OpenOutbound();

        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "angry-" + Guid.NewGuid(), angry);
        var calm = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "calm-" + Guid.NewGuid(),
            language == "fr" ? "bonjour, quand est-ce que je serai remboursé ?" : "hello, when will I get my refund?");

        var conversation = await integrator.GetConversationAsync(posted.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "negative-sentiment"), (conversation.Status, conversation.StatusReason));
        var entries = await integrator.ListAllAsync(posted.ConversationId);
        Assert.DoesNotContain(entries, e => e.Kind == EntryKind.BotMessage);
        var message = Assert.Single(entries, e => e.Kind == EntryKind.CustomerMessage);
        Assert.True(double.Parse(message.Metadata["grid.sentiment"], System.Globalization.CultureInfo.InvariantCulture) <= -0.5, message.Metadata["grid.sentiment"]);

        var answered = await outbound.NextForAsync(calm.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Equal("refund-delay", (await integrator.ListAllAsync(calm.ConversationId)).Single(e => e.Kind == EntryKind.BotMessage).Metadata["entry"]);
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(calm.ConversationId)).Status);
        Assert.False(string.IsNullOrEmpty(answered.Text));
    }

    [Fact]
    public async Task The_policy_is_administered_whole_and_bad_policies_are_refused_naming_the_field()
    {
        await using var admin = Grid.IntegratorOf("esc-policy");
        var defaults = await admin.Escalation.GetPolicyAsync(new GetPolicyRequest(), admin.Headers);
        Assert.Equal((2, -0.5, "default", 0L), (defaults.Policy.NoMatchLimit, defaults.Policy.SentimentThreshold, defaults.Policy.Queue, defaults.Version));

        var wanted = new EscalationPolicy
        {
            NoMatchLimit = 3,
            Queue = "support",
            Tiers = { new TierRule { Name = "gold", Priority = 10 } },
            Hours = new OpeningHours { TimeZone = "America/Montreal", Week = { new OpeningSlot { Day = Weekday.Monday, From = "08:30", To = "17:00" } }, Holidays = { "2026-12-25" } },
        };
        var set = await admin.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = wanted }, admin.Headers);
        Assert.Equal(1L, set.Version);
        var read = await admin.Escalation.GetPolicyAsync(new GetPolicyRequest(), admin.Headers);
        Assert.Equal(wanted, read.Policy);
        Assert.False(read.Policy.HasSentimentThreshold);

        var refusals = new (EscalationPolicy Policy, string Field)[]
        {
            (new EscalationPolicy { NoMatchLimit = 0, Queue = "default" }, "no_match_limit"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "Not A Queue" }, "queue"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "q", SentimentThreshold = 0.4 }, "sentiment_threshold"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "q", Tiers = { new TierRule { Name = "a" }, new TierRule { Name = "a" } } }, "tiers[1].name"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "q", Hours = new OpeningHours { TimeZone = "Mars/Olympus", Week = { new OpeningSlot { Day = Weekday.Monday, From = "09:00", To = "10:00" } } } }, "hours.time_zone"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "q", Hours = new OpeningHours { TimeZone = "Europe/Paris", Week = { new OpeningSlot { Day = Weekday.Monday, From = "18:00", To = "09:00" } } } }, "hours.week[0]"),
            (new EscalationPolicy { NoMatchLimit = 2, Queue = "q", Hours = new OpeningHours { TimeZone = "Europe/Paris", Week = { new OpeningSlot { Day = Weekday.Monday, From = "09:00", To = "10:00" } }, Holidays = { "25/12/2026" } } }, "hours.holidays[0]"),
        };
        foreach (var (policy, field) in refusals)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => admin.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = policy }, admin.Headers).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.StartsWith(field + " ", refused.Status.Detail);
        }

        Assert.Equal(wanted, (await admin.Escalation.GetPolicyAsync(new GetPolicyRequest(), admin.Headers)).Policy); // nothing changed

        var unknown = await Assert.ThrowsAsync<RpcException>(() => admin.Escalation.SetCustomerTierAsync(new SetCustomerTierRequest { CustomerId = "cus_nobody", Tier = "gold" }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var badId = await Assert.ThrowsAsync<RpcException>(() => admin.Escalation.SetCustomerTierAsync(new SetCustomerTierRequest { CustomerId = "", Tier = "gold" }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);

        await using var notAdmin = new IntegratorClient(Grid.GrpcPort, Grid.Keys.ApiKey);
        var denied = await Assert.ThrowsAsync<RpcException>(() => notAdmin.Escalation.GetPolicyAsync(new GetPolicyRequest(), notAdmin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("admin", denied.Status.Detail);
    }

    private async Task<IntegratorClient> WithKnowledgeAsync(string tenant)
    {
        var integrator = Grid.IntegratorOf(tenant);
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await integrator.BotReadyAsync();
        return integrator;
    }

    private static Weekday WeekdayOf(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)day;
}
