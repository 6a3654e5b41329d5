using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Escalation;

namespace Grid.Tests.Core;

/// <summary>
/// What time alone does to a conversation (<see cref="ConversationClock"/>), on the model of the core (decide → append
/// → apply, no cluster): deadlines by priority, each missed once and raising the priority; status updates that never
/// repeat and wait for the end of quiet hours; resolution for silence; callbacks falling due. The state after every
/// step is also rebuilt from the journal, so the clock's fields survive a restart.
/// </summary>
public sealed class ConversationClockTests
{
    private static readonly Actor Ann = new("ann", ActorRole.Agent, "Ann");

    private static TenantPolicy Policy(EscalationPolicy rules) => TenantPolicy.Of(rules);

    private static EscalationPolicy Rules(
        IReadOnlyList<SlaRule>? sla = null, TimeSpan? status = null, TimeSpan? silence = null, QuietHours? quiet = null, OpeningHours? hours = null) =>
        EscalationPolicy.Default with { Sla = sla, StatusInterval = status, AutoResolveAfter = silence, Quiet = quiet, Hours = hours };

    [Fact]
    public async Task A_missed_first_response_is_journaled_once_raises_the_priority_and_a_reply_stops_the_clock()
    {
        var policy = Policy(Rules(sla: [new SlaRule(0, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromHours(4))]));
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "bonjour, ma facture est fausse")); // no bot: a person at once
        Assert.Equal(ConversationStatus.Queued, model.State.Status);
        var escalatedAt = model.Now;
        Assert.Equal(escalatedAt.AddMinutes(5), ConversationClock.NextDue(model.State, policy));

        Assert.Empty(ConversationClock.Due(model.State, policy, escalatedAt.AddMinutes(4)));
        model.Now = escalatedAt.AddMinutes(6);
        var breach = Assert.IsType<SlaBreached>(Assert.Single(ConversationClock.Due(model.State, policy, model.Now)));
        Assert.Equal((ConversationClock.FirstResponse, escalatedAt.AddMinutes(5), 20), (breach.Kind, breach.DueAt, breach.Priority));
        await model.CommitAsync(breach);
        Assert.Equal(20, model.State.Priority);
        Assert.Empty(ConversationClock.Due(model.State, policy, model.Now)); // once
        Assert.Equal(escalatedAt.AddHours(4), ConversationClock.NextDue(model.State, policy)); // the resolution deadline remains

        // A person answers: the next deadline is the next response, from the customer's next message.
        await model.CommitAsync(new Offered("ann", "o1", model.Now.AddMinutes(1)) { At = model.Now }, new Accepted("ann") { At = model.Now });
        await model.CommitAsync([ConversationDecider.Reply(model.State, Ann, model.ConversationId, "r1", "Bonjour, je regarde", model.Now)]);
        Assert.Equal(escalatedAt.AddHours(4), ConversationClock.NextDue(model.State, policy));
        model.Now = model.Now.AddMinutes(1);
        await model.InboundAsync(model.Message("m2", "merci, c'est la facture de mars"));
        Assert.Equal(model.Now.AddMinutes(10), ConversationClock.NextDue(model.State, policy));

        model.Now = model.Now.AddMinutes(11);
        var next = Assert.IsType<SlaBreached>(Assert.Single(ConversationClock.Due(model.State, policy, model.Now)));
        Assert.Equal((ConversationClock.NextResponse, 40), (next.Kind, next.Priority));
        await model.CommitAsync(next);
        await model.CommitAsync([ConversationDecider.Reply(model.State, Ann, model.ConversationId, "r2", "Je corrige la facture", model.Now)]);
        Assert.DoesNotContain(ConversationClock.NextResponse, model.State.Breaches); // the next message may be missed again

        await model.CommitAsync(ConversationDecider.Resolve(model.State, Ann, model.ConversationId, null, model.Now));
        Assert.Null(ConversationClock.NextDue(model.State, policy)); // nothing runs on a resolved conversation
        Assert.Equal(ConversationModel.Dump(model.State), ConversationModel.Dump(await model.ReplayAsync()));
    }

    [Fact]
    public async Task Deadlines_follow_the_priority_band_and_start_at_the_next_opening_when_nobody_answers()
    {
        var hours = new OpeningHours("UTC", [new OpeningSlot(DayOfWeek.Tuesday, "13:00", "18:00")], []);
        var policy = Policy(Rules(hours: hours, sla: [new SlaRule(0, TimeSpan.FromHours(8), null, null), new SlaRule(50, TimeSpan.FromMinutes(15), null, null)]));
        var model = new ConversationModel(policy: policy.Rules);
        await model.InboundAsync(model.Message("m1", "bonjour, je veux parler à quelqu'un")); // Tuesday 09:00 UTC: closed until 13:00

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero), ConversationClock.NextDue(model.State, policy));
        await model.CommitAsync(new SlaBreached(ConversationClock.Resolution, model.Now, 60) { At = model.Now }); // any change of priority
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 13, 15, 0, TimeSpan.Zero), ConversationClock.NextDue(model.State, policy));
    }

    [Fact]
    public async Task Status_updates_go_out_after_the_interval_never_twice_alike_and_not_in_quiet_hours()
    {
        var quiet = new QuietHours("UTC", "21:00", "08:00");
        var policy = Policy(Rules(status: TimeSpan.FromMinutes(10), quiet: quiet));
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "bonjour, ma box ne marche plus"));
        var said = model.State.Recent[^1].At;
        Assert.Equal(said.AddMinutes(10), ConversationClock.NextDue(model.State, policy));
        Assert.False(ConversationClock.WaitingUpdateDue(model.State, policy, said.AddMinutes(9)));

        var texts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            model.Now = ConversationClock.NextDue(model.State, policy)!.Value;
            Assert.True(ConversationClock.WaitingUpdateDue(model.State, policy, model.Now));
            var update = Assert.IsType<CustomerNotified>(Assert.Single(ConversationClock.Due(model.State, policy, model.Now, new QueuePlace(3, TimeSpan.FromMinutes(12)))));
            Assert.Equal(NoticePurposes.WaitingUpdate, update.Purpose);
            Assert.Contains("position 3", update.Text);
            Assert.Contains("environ 12 min", update.Text);
            texts.Add(update.Text);
            await model.CommitAsync(update);
        }

        Assert.NotEqual(texts[0], texts[1]);
        Assert.NotEqual(texts[1], texts[2]);

        // At 20:55 the next one would fall in the quiet hours: it waits for 08:00 the next morning.
        model.Now = new DateTimeOffset(2026, 12, 1, 20, 55, 0, TimeSpan.Zero);
        await model.CommitAsync(CustomerNotices.To(model.State, "Merci de patienter.", "test", model.Now)!);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), ConversationClock.NextDue(model.State, policy));
        Assert.Empty(ConversationClock.Due(model.State, policy, model.Now.AddMinutes(30), new QueuePlace(1, null)));
    }

    [Fact]
    public async Task A_customer_silent_after_our_answer_has_the_conversation_resolved_with_a_message_and_no_satisfaction_question()
    {
        var policy = Policy(Rules(silence: TimeSpan.FromHours(2)));
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "ma facture est fausse"));
        await model.CommitAsync(new Offered("ann", "o1", model.Now.AddMinutes(1)) { At = model.Now }, new Accepted("ann") { At = model.Now });
        Assert.Null(ConversationClock.NextDue(model.State, policy)); // the customer waits for us: no silence runs

        model.Now = model.Now.AddMinutes(3);
        await model.CommitAsync([ConversationDecider.Reply(model.State, Ann, model.ConversationId, "r1", "C'est corrigé, pouvez-vous vérifier ?", model.Now)]);
        Assert.Equal(model.Now.AddHours(2), ConversationClock.NextDue(model.State, policy));

        model.Now = model.Now.AddHours(2);
        var events = ConversationClock.Due(model.State, policy, model.Now);
        var resolved = Assert.IsType<Resolved>(events[0]);
        Assert.Equal(("ann", ConversationClock.SilentReason), (resolved.AgentId, resolved.Reason));
        Assert.StartsWith("Sans nouvelles de votre part", Assert.IsType<CustomerNotified>(events[1]).Text);
        await model.CommitAsync(events);
        Assert.Equal(ConversationStatus.Resolved, model.State.Status);
        Assert.False(model.State.CsatPending);
        Assert.Null(ConversationClock.NextDue(model.State, policy));
    }

    [Fact]
    public async Task The_customer_writing_last_stops_the_silence_clock()
    {
        var policy = Policy(Rules(silence: TimeSpan.FromHours(2)));
        var model = new ConversationModel();
        await model.InboundAsync(model.Message("m1", "ma facture est fausse"));
        await model.CommitAsync(new Offered("ann", "o1", model.Now.AddMinutes(1)) { At = model.Now }, new Accepted("ann") { At = model.Now });
        await model.CommitAsync([ConversationDecider.Reply(model.State, Ann, model.ConversationId, "r1", "Laquelle ?", model.Now)]);
        model.Now = model.Now.AddMinutes(1);
        await model.InboundAsync(model.Message("m2", "celle de mars"));
        Assert.Null(ConversationClock.NextDue(model.State, policy));
    }

    [Fact]
    public async Task A_callback_booked_outside_hours_falls_due_at_the_opening_and_goes_to_a_person()
    {
        var hours = new OpeningHours("Europe/Paris", [new OpeningSlot(DayOfWeek.Wednesday, "09:00", "18:00")], []);
        var policy = Policy(Rules(hours: hours));
        var model = new ConversationModel(policy: policy.Rules);
        model.Now = new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero); // Tuesday 21:00 in Paris: closed
        await model.InboundAsync(model.Message("m1", "Bonjour, pouvez-vous me rappeler demain vers 10h30 svp ?"));

        var booked = Assert.Single(await model.ReplayEventsAsync(), e => e is CallbackScheduled) as CallbackScheduled;
        var due = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero); // 10:30 in Paris
        Assert.Equal((due, "+33600000001", "message"), (booked!.DueAt, booked.Number, booked.Source));
        var told = Assert.Single(model.State.Recent, e => e.Kind == EntryKind.SystemMessage);
        Assert.Equal("C'est noté : un conseiller vous rappellera mercredi 2 décembre à 10h30.", told.Text);
        Assert.Equal(ConversationStatus.New, model.State.Status); // nobody is asked now
        Assert.Equal(due, ConversationClock.NextDue(model.State, policy));

        model.Now = due;
        var events = ConversationClock.Due(model.State, policy, model.Now);
        Assert.IsType<CallbackDue>(events[0]);
        var escalated = Assert.IsType<Escalated>(events[1]);
        Assert.Equal(("callback", Channel.Voice), (escalated.Reason, escalated.Channel));
        await model.CommitAsync(events);
        Assert.Equal(ConversationStatus.Queued, model.State.Status);
        Assert.Null(model.State.CallbackAt);
        Assert.Equal("+33600000001", model.State.Facts[ConversationState.CallbackNumberFact]);
        Assert.Equal(ConversationModel.Dump(model.State), ConversationModel.Dump(await model.ReplayAsync()));
    }

    [Fact]
    public async Task An_integrators_callback_request_is_booked_without_the_bot_or_a_person_answering_now()
    {
        var model = new ConversationModel();
        var at = model.Now.AddHours(3);
        var form = model.Message("w1", "Question sur mon contrat", Channel.WebChat, sender: "visitor-1") with { Callback = new CallbackRequest(at, "+33611223344") };
        await model.InboundAsync(form);

        var booked = (CallbackScheduled)Assert.Single(await model.ReplayEventsAsync(), e => e is CallbackScheduled);
        Assert.Equal((at, "+33611223344", "request"), (booked.DueAt, booked.Number, booked.Source));
        Assert.Equal(ConversationStatus.New, model.State.Status);
        Assert.DoesNotContain(await model.ReplayEventsAsync(), e => e is Escalated);
    }
}

/// <summary>The acknowledgement of an email gives the reference to quote: the conversation's id.</summary>
public sealed class AcknowledgementReferenceTests
{
    [Fact]
    public async Task An_email_acknowledgement_ends_with_the_reference_and_an_sms_one_does_not()
    {
        var email = new ConversationModel("cnv_mail");
        await email.InboundAsync(email.Message("e1", "Bonjour, ma facture est fausse", Channel.Email, new EmailHeaders("Facture", "<m1@example.fr>", null, [])));
        var told = Assert.Single(email.State.Recent, e => e.Kind == EntryKind.SystemMessage);
        Assert.EndsWith("Votre référence : cnv_mail.", told.Text);

        var sms = new ConversationModel("cnv_sms");
        await sms.InboundAsync(sms.Message("s1", "Bonjour, ma facture est fausse"));
        Assert.DoesNotContain("cnv_sms", Assert.Single(sms.State.Recent, e => e.Kind == EntryKind.SystemMessage).Text);
    }
}
