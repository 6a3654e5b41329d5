using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// Time through the real edges (the shared host's conversation clock ticks every second): a missed first-response
/// deadline alerts a supervisor and raises the priority, also across a restart of the process; a silent customer's
/// conversation is resolved with a message; a waiting customer gets status updates that never repeat, and none in
/// quiet hours; callbacks booked in words outside opening hours and from a web form, the latter offered to an agent at
/// its time; the tenant's own wording. Each test has its own tenant (its own policy).
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class TimeTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task A_missed_first_response_is_journaled_raises_the_priority_and_alerts_the_supervisors()
    {
        await using var admin = Grid.IntegratorOf("sla");
        await SetPolicyAsync(admin, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Sla = { new SlaRule { MinPriority = 0, FirstResponse = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) } } });
        await using var supervisor = await Grid.AgentAsync("sup", "sla", role: "supervisor");
        var alerts = Alerts(supervisor);

        var posted = await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "sla-" + Guid.NewGuid(), "Bonjour, ma facture de novembre est fausse");
        Assert.Equal(ConversationStatus.Queued, (await admin.GetConversationAsync(posted.ConversationId)).Status); // no bot in this tenant

        var alert = await NextAsync(alerts, a => a.Conversation.ConversationId == posted.ConversationId);
        Assert.Equal("sla-breached:first-response", alert.Kind);
        var entries = await admin.ListAllAsync(posted.ConversationId);
        var escalatedWith = int.Parse(Assert.Single(entries, e => e.EventType == "escalated").Metadata["priority"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(escalatedWith + 20, alert.Conversation.Priority); // raised by 20 from the escalation's (routing adds sentiment to it)
        var breach = Assert.Single(entries, e => e.EventType == "sla-breached");
        Assert.Equal(("first-response", (escalatedWith + 20).ToString(System.Globalization.CultureInfo.InvariantCulture)), (breach.Reason, breach.Metadata["priority"]));

        // Refusals: a deadline of no time, named.
        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.Escalation.SetPolicyAsync(new SetPolicyRequest
        {
            Policy = new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Sla = { new SlaRule { MinPriority = 0, FirstResponse = Duration.FromTimeSpan(TimeSpan.Zero) } } },
        }, admin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("sla[0].first_response ", refused.Status.Detail);
    }

    [Fact]
    public async Task A_deadline_set_before_a_restart_is_kept_after_it()
    {
        await using var grid = new EmbeddedGrid();
        var settings = new Dictionary<string, string> { ["Grid__Conversations__ClockPeriod"] = "00:00:01" };
        await grid.StartAsync(settings);
        string conversationId;
        await using (var admin = grid.IntegratorOf("sla"))
        {
            await SetPolicyAsync(admin, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Sla = { new SlaRule { MinPriority = 0, FirstResponse = Duration.FromTimeSpan(TimeSpan.FromSeconds(8)) } } });
            conversationId = (await admin.PostSmsAsync(MessagePathTests.UniquePhone(), "sla-r-" + Guid.NewGuid(), "Bonjour, ma box ne marche plus")).ConversationId;
            Assert.DoesNotContain(await admin.ListAllAsync(conversationId), e => e.EventType == "sla-breached");
        }

        await grid.KillAsync(); // before the deadline
        await grid.StartAsync(settings);
        await using var after = grid.IntegratorOf("sla");
        Entry breach;
        try
        {
            breach = await EventuallyAsync(after, conversationId, e => e.EventType == "sla-breached", TimeSpan.FromSeconds(40));
        }
        catch (TimeoutException)
        {
            File.WriteAllText("/tmp/restart-output.txt", grid.Process.Output);
            throw;
        }

        Assert.Equal("first-response", breach.Reason);
    }

    [Fact]
    public async Task A_customer_silent_after_the_agents_answer_has_the_conversation_resolved_with_a_message()
    {
        await using var integrator = Grid.IntegratorOf("silence");
        await SetPolicyAsync(integrator, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", AutoResolveAfter = Duration.FromTimeSpan(TimeSpan.FromSeconds(3)) });
        await using var agent = await Grid.AgentAsync("sil", "silence");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var phone = MessagePathTests.UniquePhone();

        var posted = await integrator.PostSmsAsync(phone, "sil-1-" + Guid.NewGuid(), "Hello, my internet is down since this morning");
        var offer = await agent.NextOfferAsync(Wait);
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", offer.Conversation.ConversationId);
        await agent.Hub.InvokeAsync<ReplyDto>("Reply", posted.ConversationId, "r-" + Guid.NewGuid(), "I restarted your line, can you check?");

        var told = await EventuallyAsync(integrator, posted.ConversationId, e => e.Metadata.GetValueOrDefault("purpose") == "auto-resolved", Wait);
        Assert.StartsWith("As we haven't heard back from you", told.Text);
        var conversation = await integrator.GetConversationAsync(posted.ConversationId);
        Assert.Equal((ConversationStatus.Resolved, "customer-silent"), (conversation.Status, conversation.StatusReason));
        Assert.Empty((await agent.Hub.InvokeAsync<AgentDto>("GetMe")).Conversations); // released

        // Writing again reopens it.
        await integrator.PostSmsAsync(phone, "sil-2-" + Guid.NewGuid(), "still not working!");
        Assert.NotEqual(ConversationStatus.Resolved, (await integrator.GetConversationAsync(posted.ConversationId)).Status);
    }

    [Fact]
    public async Task A_waiting_customer_gets_status_updates_that_never_repeat_and_none_in_quiet_hours()
    {
        await using var integrator = Grid.IntegratorOf("waiting");
        await SetPolicyAsync(integrator, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", StatusInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) });

        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "wait-" + Guid.NewGuid(), "Bonjour, je n'ai plus d'eau chaude");
        await EventuallyAsync(integrator, posted.ConversationId, e => e.Metadata.GetValueOrDefault("purpose") == "waiting-update", Wait);
        await EventuallyAsync(integrator, posted.ConversationId, e => e.Metadata.GetValueOrDefault("purpose") == "waiting-update" && e.Seq > 0, Wait);
        var updates = await Until(integrator, posted.ConversationId, entries => entries.Count(e => e.Metadata.GetValueOrDefault("purpose") == "waiting-update") >= 2);
        var notices = updates.Where(e => e.Kind == EntryKind.SystemMessage).Select(e => e.Text).ToList();
        for (var i = 1; i < notices.Count; i++)
        {
            Assert.NotEqual(notices[i - 1], notices[i]); // never the same notice twice in a row
        }

        Assert.Contains(notices, n => n.StartsWith("Nous n'oublions pas votre demande", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.StartsWith("Merci de votre patience", StringComparison.Ordinal));

        // Quiet hours around now: a new customer gets the acknowledgement, and neither their place nor status updates.
        var utc = DateTime.UtcNow;
        var quiet = new QuietHours { TimeZone = "UTC", From = utc.AddHours(-1).ToString("HH:mm"), To = utc.AddHours(1).ToString("HH:mm") };
        await SetPolicyAsync(integrator, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", StatusInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)), QuietHours = quiet });
        await Task.Delay(TimeSpan.FromSeconds(6)); // every silo's copy of the policy is at most 5 s old
        var night = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "night-" + Guid.NewGuid(), "Bonjour, mon ascenseur est bloqué");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var entries = await integrator.ListAllAsync(night.ConversationId);
        Assert.Equal(["acknowledgement"], entries.Where(e => e.Kind == EntryKind.SystemMessage).Select(e => e.Metadata["purpose"]));
    }

    [Fact]
    public async Task A_callback_asked_for_in_words_outside_opening_hours_is_booked_and_the_customer_told_when()
    {
        await using var integrator = Grid.IntegratorOf("callback");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(1);
        var hours = new OpeningHours { TimeZone = "Europe/Paris", Week = { new OpeningSlot { Day = WeekdayOf(tomorrow.DayOfWeek), From = "09:00", To = "12:00" } } };
        await SetPolicyAsync(integrator, new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Hours = hours });
        await using var outbound = integrator.OpenOutbound();
        var phone = MessagePathTests.UniquePhone();

        var posted = await integrator.PostSmsAsync(phone, "cb-" + Guid.NewGuid(), "Bonjour, pouvez-vous me rappeler demain vers 10h30 ? C'est pour mon contrat");

        var told = await outbound.NextForAsync(posted.ConversationId, Wait, EntryKind.SystemMessage);
        var at = new DateTimeOffset(tomorrow.AddHours(10.5), paris.GetUtcOffset(tomorrow.AddHours(10.5)));
        var when = global::Grid.Pipeline.Steps.AcknowledgeStep.Format(at, french: true);
        Assert.Equal($"C'est noté : un conseiller vous rappellera {when}.", told.Text);
        var booked = Assert.Single(await integrator.ListAllAsync(posted.ConversationId), e => e.EventType == "callback-scheduled");
        Assert.Equal((phone, "message"), (booked.Metadata["number"], booked.Metadata["source"]));
        Assert.Equal(at, DateTimeOffset.Parse(booked.Metadata["dueAt"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(posted.ConversationId)).Status); // nobody now
    }

    [Fact]
    public async Task A_web_callback_request_becomes_a_task_offered_to_an_agent_at_its_time_and_the_call_joins_the_history()
    {
        await using var integrator = Grid.IntegratorOf("callback-web");
        await using var agent = await Grid.AgentAsync("caller", "callback-web");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var visitor = "visitor-" + Guid.NewGuid().ToString("N")[..12];

        var posted = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Protos.V1.Channel.Webchat,
            Sender = visitor,
            ExternalId = "form-" + Guid.NewGuid(),
            Text = "Je voudrais changer d'offre, appelez-moi",
            Callback = new Protos.V1.CallbackRequest { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(3)), Phone = "+33 6 11 22 33 44" },
        });
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(posted.ConversationId)).Status);

        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);
        Assert.Equal("callback", offer.Context!.EscalationReason);
        Assert.Equal("+33611223344", offer.Conversation.Facts["callback.number"]);
        Assert.Single(await integrator.ListAllAsync(posted.ConversationId), e => e.EventType == "callback-due");
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", posted.ConversationId);

        // The call itself, as the telephony integrator reports it, joins the same conversation.
        await integrator.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = Protos.V1.ChannelEventType.CallStarted, ExternalId = "call-" + Guid.NewGuid(), Channel = Protos.V1.Channel.Voice, Sender = "+33611223344",
        }, integrator.Headers);
        await integrator.Escalation.LinkCustomerAddressAsync(new LinkCustomerAddressRequest { CustomerId = posted.CustomerId, Channel = Protos.V1.Channel.Voice, Address = "+33611223344" }, integrator.Headers)
            .ResponseAsync.ContinueWith(_ => { }); // linked beforehand or now: the next event is the customer's
        await integrator.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = Protos.V1.ChannelEventType.CallEnded, ExternalId = "call-end-" + Guid.NewGuid(), Channel = Protos.V1.Channel.Voice, Sender = "+33611223344",
        }, integrator.Headers);
        await EventuallyAsync(integrator, posted.ConversationId, e => e.EventType == "call" && e.Metadata.GetValueOrDefault("type") == "CallEnded", Wait);

        var badTime = await Assert.ThrowsAsync<RpcException>(() => integrator.PostAsync(new PostInboundRequest
        {
            Channel = Protos.V1.Channel.Webchat, Sender = visitor, ExternalId = "form-" + Guid.NewGuid(), Text = "rappel",
            Callback = new Protos.V1.CallbackRequest { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(90)) },
        }));
        Assert.Equal(StatusCode.InvalidArgument, badTime.StatusCode);
        Assert.StartsWith("callback.at ", badTime.Status.Detail);
        var badPhone = await Assert.ThrowsAsync<RpcException>(() => integrator.PostAsync(new PostInboundRequest
        {
            Channel = Protos.V1.Channel.Webchat, Sender = visitor, ExternalId = "form-" + Guid.NewGuid(), Text = "rappel",
            Callback = new Protos.V1.CallbackRequest { Phone = "call me" },
        }));
        Assert.Equal(StatusCode.InvalidArgument, badPhone.StatusCode);
        Assert.StartsWith("callback.phone", badPhone.Status.Detail);
    }

    [Fact]
    public async Task The_tenants_wording_is_used_and_read_back_and_a_placeholder_it_cannot_fill_is_refused()
    {
        await using var integrator = Grid.IntegratorOf("wording");
        var policy = new EscalationPolicy
        {
            NoMatchLimit = 2,
            Queue = "default",
            Templates =
            {
                new NoticeTemplate { Purpose = "acknowledgement", Language = "fr", Text = "Bien reçu ! Référence {reference}." },
                new NoticeTemplate { Purpose = "agent-joined", Language = "fr", Text = "Bonjour, ici {agent}, je m'occupe de vous." },
            },
        };
        await SetPolicyAsync(integrator, policy);
        Assert.Equal(policy, (await integrator.Escalation.GetPolicyAsync(new GetPolicyRequest(), integrator.Headers)).Policy);
        await using var agent = await Grid.AgentAsync("lea", "wording");
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");

        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "w-" + Guid.NewGuid(), "Bonjour, mon compteur affiche une erreur");
        var offer = await agent.NextOfferAsync(Wait);
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", offer.Conversation.ConversationId);

        var notices = await Until(integrator, posted.ConversationId, entries => entries.Any(e => e.Metadata.GetValueOrDefault("purpose") == "agent-joined"));
        Assert.Equal($"Bien reçu ! Référence {posted.ConversationId}.", notices.First(e => e.Metadata.GetValueOrDefault("purpose") == "acknowledgement").Text);
        Assert.Equal("Bonjour, ici lea, je m'occupe de vous.", notices.First(e => e.Metadata.GetValueOrDefault("purpose") == "agent-joined").Text);

        var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Escalation.SetPolicyAsync(new SetPolicyRequest
        {
            Policy = new EscalationPolicy { NoMatchLimit = 2, Queue = "default", Templates = { new NoticeTemplate { Purpose = "resolved", Language = "fr", Text = "Résolu par {agent}" } } },
        }, integrator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("{agent}", refused.Status.Detail);
    }

    private static async Task SetPolicyAsync(IntegratorClient admin, EscalationPolicy policy) =>
        await admin.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = policy }, admin.Headers);

    private static System.Threading.Channels.Channel<AlertDto> Alerts(AgentConnection connection)
    {
        var alerts = System.Threading.Channels.Channel.CreateUnbounded<AlertDto>();
        connection.Hub.On<AlertDto>(nameof(IAgentClient.Alert), a => alerts.Writer.TryWrite(a));
        return alerts;
    }

    private static async Task<AlertDto> NextAsync(System.Threading.Channels.Channel<AlertDto> alerts, Func<AlertDto, bool> match)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (true)
        {
            var alert = await alerts.Reader.ReadAsync(cts.Token);
            if (match(alert))
            {
                return alert;
            }
        }
    }

    /// <summary>The first journal entry matching <paramref name="match"/>, polling until <paramref name="timeout"/>.</summary>
    private static async Task<Entry> EventuallyAsync(IntegratorClient integrator, string conversationId, Func<Entry, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await integrator.ListAllAsync(conversationId)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching entry in {conversationId} within {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<List<Entry>> Until(IntegratorClient integrator, string conversationId, Func<List<Entry>, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var entries = await integrator.ListAllAsync(conversationId);
            if (done(entries))
            {
                return entries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The journal of {conversationId} never got there within {Wait}.");
            }

            await Task.Delay(200);
        }
    }

    private static Weekday WeekdayOf(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)day;
}
