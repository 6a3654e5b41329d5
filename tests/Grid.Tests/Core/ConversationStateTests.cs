using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Tests.Core;

/// <summary>The decide functions and <see cref="ConversationState.Apply"/>, without a cluster.</summary>
public sealed class ConversationStateTests
{
    private static readonly Actor Ann = new("ann");
    private static readonly Actor Ben = new("ben");

    [Fact]
    public async Task A_message_that_came_before_the_tenants_bot_was_built_goes_to_a_person_saying_why()
    {
        var model = new ConversationModel(analyzer: new NotReadyAnalyzer());
        await model.InboundAsync(model.Message("m1", "bonjour, quels sont vos horaires ?"));

        var events = (await model.Journal.ReadAsync(ConversationModel.Tenant, model.ConversationId, 0, 10)).Events.Select(e => e.Event).ToList();
        Assert.Equal(("default", "bot-warming-up"), (Assert.IsType<Escalated>(events[1]).Queue, ((Escalated)events[1]).Reason));
        Assert.DoesNotContain(events, e => e is BotAnswered);
    }

    /// <summary>What the bot analyzer adds when the tenant's matcher is not built within Grid:Bot:FirstBuildWait (tested in KnowledgeBaseGrainTests).</summary>
    private sealed class NotReadyAnalyzer : Grid.Pipeline.IMessageAnalyzer
    {
        public bool IsCheap => true;

        public ValueTask AnalyzeAsync(Grid.Pipeline.AnalysisRequest request, Grid.Pipeline.MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
        {
            analysis.Add(new Grid.Bot.BotNotReady(15));
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_first_message_is_journaled_with_its_escalation_and_acknowledgement_in_the_customers_language()
    {
        var model = new ConversationModel();
        var result = await model.InboundAsync(model.Message("m1", "Hello, I still have not received my order"));

        Assert.Equal((UnitStatus.Appended, 3L), (result.Status, result.LastSeq));
        var events = (await model.Journal.ReadAsync(ConversationModel.Tenant, model.ConversationId, 0, 10)).Events.Select(e => e.Event).ToList();
        Assert.IsType<CustomerWrote>(events[0]);
        var escalated = Assert.IsType<Escalated>(events[1]);
        Assert.Equal(("default", "no-bot-answer", Channel.Sms), (escalated.Queue, escalated.Reason, escalated.Channel));
        var ack = Assert.IsType<CustomerNotified>(events[2]);
        Assert.Equal(("acknowledgement", "+33600000001", "gw"), (ack.Purpose, ack.Delivery.ToAddress, ack.Delivery.Integrator));
        Assert.StartsWith("Thank you", ack.Text);

        var s = model.State;
        Assert.Equal((ConversationStatus.Queued, "en", "cus_1", 3L), (s.Status, s.Language, s.CustomerId, s.AppliedSeq));
        Assert.Equal(2, s.Recent.Count);
        var outbox = Assert.Single(result.Outbound);
        Assert.Equal(($"{model.ConversationId}:3", "gw"), (outbox.Message.OutboundId, outbox.Integrator));
        Assert.Single(model.Tables.Waiting);
    }

    [Fact]
    public async Task Offer_accept_reply_resolve_follow_the_state_machine_and_refuse_out_of_turn_with_codes()
    {
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "bonjour ma facture est fausse"));
        Assert.Equal(RuleCodes.NotFound, Refusal(() => ConversationDecider.Accept(model.State, Ann, model.ConversationId, model.Now)));

        await model.CommitAsync(ConversationDecider.Offer(model.State, "ann", "o1", model.Now.AddSeconds(30), model.Now));
        Assert.Equal((ConversationStatus.Offered, "ann", "o1"), (model.State.Status, model.State.OfferedAgent, model.State.OfferId));
        Assert.Empty(ConversationDecider.Offer(model.State, "ann", "o1", model.Now.AddSeconds(30), model.Now)); // the same offer again
        Assert.Equal(RuleCodes.NotFound, Refusal(() => ConversationDecider.Accept(model.State, Ben, model.ConversationId, model.Now)));
        Assert.Equal(RuleCodes.WrongState, Refusal(() => ConversationDecider.Reply(model.State, Ann, model.ConversationId, "c1", "hi", model.Now)));

        await model.CommitAsync(ConversationDecider.Accept(model.State, Ann, model.ConversationId, model.Now));
        Assert.Equal((ConversationStatus.WithAgent, "ann", null), (model.State.Status, model.State.AssignedAgent, model.State.OfferedAgent));
        Assert.Empty(ConversationDecider.Accept(model.State, Ann, model.ConversationId, model.Now)); // a retried accept
        Assert.Empty(model.Tables.Waiting);
        var supervisor = new Actor("sue", ActorRole.Supervisor);
        Assert.Equal(RuleCodes.NotYours, Refusal(() => ConversationDecider.Resolve(model.State, supervisor, model.ConversationId, null, model.Now)));

        var reply = ConversationDecider.Reply(model.State, Ann, model.ConversationId, "c1", "Je corrige.", model.Now);
        var replied = await model.CommitAsync([reply]);
        var sent = Assert.Single(replied.Outbound).Message;
        Assert.Equal((EntryKind.AgentMessage, "agent:ann", Channel.Sms), (sent.Kind, sent.Author, sent.Channel));
        var again = await model.CommitAsync([reply]);
        Assert.Equal((UnitStatus.DuplicateKey, replied.LastSeq), (again.Status, again.Original!.Seq));

        await model.CommitAsync(ConversationDecider.Resolve(model.State, Ann, model.ConversationId, "corrected", model.Now));
        Assert.Equal((ConversationStatus.Resolved, "corrected", null), (model.State.Status, model.State.StatusReason, model.State.AssignedAgent));
        Assert.Contains("ann", model.State.Participants);
    }

    [Fact]
    public async Task Decline_and_expiry_put_the_conversation_back_and_a_stale_expiry_changes_nothing()
    {
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "help"));
        await model.CommitAsync(ConversationDecider.Offer(model.State, "ann", "o1", model.Now.AddSeconds(30), model.Now));
        await model.CommitAsync(ConversationDecider.Decline(model.State, Ann, model.ConversationId, model.Now));
        Assert.Equal((ConversationStatus.Queued, "declined", null), (model.State.Status, model.State.StatusReason, model.State.OfferId));
        Assert.Empty(ConversationDecider.OfferExpired(model.State, "ann", "o1", model.Now));

        await model.CommitAsync(ConversationDecider.Offer(model.State, "ben", "o2", model.Now.AddSeconds(30), model.Now));
        var replaced = ConversationDecider.Offer(model.State, "cat", "o3", model.Now.AddSeconds(30), model.Now);
        Assert.Equal([typeof(OfferWithdrawn), typeof(Offered)], replaced.Select(e => e.GetType()));
        await model.CommitAsync(replaced);
        await model.CommitAsync(ConversationDecider.OfferExpired(model.State, "cat", "o3", model.Now));
        Assert.Equal((ConversationStatus.Queued, "offer-timeout"), (model.State.Status, model.State.StatusReason));
        Assert.Single(model.Tables.Waiting); // still waiting, with its first age
    }

    [Fact]
    public async Task A_message_after_resolution_reopens_on_its_own_channel_and_after_the_window_the_conversation_closes()
    {
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "my meter is broken"));
        await model.CommitAsync(ConversationDecider.Offer(model.State, "ann", "o1", model.Now.AddSeconds(30), model.Now));
        await model.CommitAsync(ConversationDecider.Accept(model.State, Ann, model.ConversationId, model.Now));
        await model.CommitAsync(ConversationDecider.Resolve(model.State, Ann, model.ConversationId, null, model.Now));

        var reopened = await model.InboundAsync(model.Message("m2", "it broke again", Channel.WhatsApp));
        var events = (await model.Journal.ReadAsync(ConversationModel.Tenant, model.ConversationId, reopened.LastSeq - 4, 10)).Events.Select(e => e.Event).ToList();
        // Going back to a person, the customer is told so (the acknowledgement), on the channel they used.
        Assert.Equal([typeof(CustomerWrote), typeof(Reopened), typeof(Escalated), typeof(CustomerNotified)], events.Select(e => e.GetType()));
        Assert.All(events, e => Assert.Equal(Channel.WhatsApp, e.Channel)); // status entries carry the channel that caused them
        Assert.Equal(("reopened-by-customer", ConversationStatus.Queued), (((Escalated)events[2]).Reason, model.State.Status));

        await model.CommitAsync(ConversationDecider.Offer(model.State, "ann", "o2", model.Now.AddSeconds(30), model.Now));
        await model.CommitAsync(ConversationDecider.Accept(model.State, Ann, model.ConversationId, model.Now));
        await model.CommitAsync(ConversationDecider.Resolve(model.State, Ann, model.ConversationId, null, model.Now));
        Assert.False(ConversationDecider.ShouldClose(model.State, TimeSpan.FromHours(24), model.Now.AddHours(23)));
        Assert.True(ConversationDecider.ShouldClose(model.State, TimeSpan.FromHours(24), model.Now.AddHours(24)));
        await model.CommitAsync(ConversationDecider.Close(model.State, "reopen-window-elapsed", model.Now));
        Assert.Equal(ConversationStatus.Closed, model.State.Status);
        Assert.Empty(ConversationDecider.Close(model.State, "again", model.Now));
    }

    [Fact]
    public async Task Step_state_and_facts_are_journaled_and_replayed()
    {
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "hello"));
        await model.CommitAsync(
            new StepStateChanged("bot", new Dictionary<string, string> { ["noMatches"] = "1", ["flow"] = "invoice-copy" }) { At = model.Now },
            new FactsSet("triage", new Dictionary<string, string> { ["category"] = "billing", ["invoice"] = "INV-2026-00042" }) { At = model.Now });
        await model.CommitAsync(
            new StepStateChanged("bot", new Dictionary<string, string>()) { At = model.Now },
            new FactsSet("triage", new Dictionary<string, string> { ["invoice"] = "" }) { At = model.Now });

        Assert.False(model.State.StepStates.ContainsKey("bot"));
        Assert.Equal(new Dictionary<string, string> { ["category"] = "billing" }, model.State.Facts);
        Assert.Equal(ConversationModel.Dump(model.State), ConversationModel.Dump(await model.ReplayAsync()));
    }

    [Fact]
    public void Every_event_type_round_trips_through_the_journal_codec_with_its_stable_name()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var delivery = new OutboundDelivery("gw", "+33600000001", new EmailHeaders("Re: x", null, "<a@b>", ["<a@b>"]));
        ConversationEvent[] all =
        [
            new CustomerWrote("cus_1", "hi", "e1", "gw", "+33600000001", at, new EmailHeaders("x", "<a@b>", null, []), [new Attachment("https://x/y.jpg", "image/jpeg", 10, "y.jpg")],
                new Dictionary<string, string> { ["k"] = "v" }, "fr"),
            new AgentReplied("ann", "hello", "c1", delivery), new BotAnswered("answer", "kb-1", 0.91, delivery), new CustomerNotified("ack", "acknowledgement", delivery),
            new Escalated("billing", "asked-for-human", 5, ["fr", "billing"]), new Offered("ann", "o1", at), new OfferWithdrawn("ann", "o1"), new Accepted("ann"),
            new Declined("ann", "o1"), new OfferExpired("ann", "o1"), new Resolved("ann", "done"), new Resolved(null, "bot"), new Reopened("customer-wrote"), new Closed("window"),
            new ChannelEventRecorded(ChannelEventType.Delivered, "gw", "r1", "cnv_1:3", "ok"),
            new StepStateChanged("bot", new Dictionary<string, string> { ["a"] = "b" }), new FactsSet("triage", new Dictionary<string, string> { ["c"] = "d" }),
            new AddressLinked("cus_1", Channel.Sms, "+33600000002", "ann", "cus_2"), new CustomersMerged("cus_2", "cus_1", "agent:ann", "address-linked"),
            new SenderJoined("cus_1", Channel.Email, "marc@acme.fr", "reference"), new ConversationsMerged("cnv_2", "cnv_1", "ann"),
            new ConversationSplit("cnv_1", "cnv_3", [4, 7], "ann"),
            new IncidentPushed("inc_0123456789abcdef01234567", 1, "opened", "cus_1", "Choose: https://x/a/t", delivery, "push/inc_0123456789abcdef01234567/1/1/cus_1", at.AddDays(7)),
            new ActionAnswered("inc_0123456789abcdef01234567", 1, "choose-option", "slot-2", "Tuesday 10:00", "en", "cus_1", new OutboundDelivery("gw", "", null)),
        ];
        foreach (var e in all.Select(e => e with { At = at, Channel = Channel.Email }))
        {
            var json = EventCodec.Serialize(e);
            Assert.Contains($"\"event\":\"{EventCodec.NameOf(e)}\"", json);
            var back = EventCodec.Deserialize(json);
            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(json, EventCodec.Serialize(back));
            Assert.NotNull(JournalEntries.From("cnv_1", 1, back));
        }

        Assert.Equal(all.Select(e => e.GetType()).Distinct().Count(), all.Select(EventCodec.NameOf).Distinct().Count());
    }

    [Fact]
    public void Pipeline_steps_run_in_the_configured_order_and_an_unknown_name_stops_the_start_naming_the_key()
    {
        var analyzers = new Grid.Pipeline.MessageAnalyzers([]);
        Grid.Pipeline.IInboundStep[] registered = [new Grid.Pipeline.Steps.EscalationStep(new FixedPolicies(), TimeProvider.System), new Grid.Pipeline.Steps.RecordFactsStep()];
        var configured = new Grid.Hosting.GridRuntimeOptions();
        configured.Pipeline.Steps.AddRange(["escalate", "record-facts"]);
        var pipeline = new Grid.Pipeline.InboundPipeline(registered, analyzers, Microsoft.Extensions.Options.Options.Create(configured));
        Assert.Equal(["escalate", "record-facts"], pipeline.Steps.Select(s => s.Name));

        configured.Pipeline.Steps.Add("bot");
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new Grid.Pipeline.InboundPipeline(registered, analyzers, Microsoft.Extensions.Options.Options.Create(configured)));
        Assert.Contains("Grid:Pipeline:Steps:2 names the step 'bot', which does not exist", error.Message);
    }

    private static string Refusal(Action decide) => Assert.Throws<ConversationRuleException>(decide).Code;
}
