using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using static Grid.Tests.Proactive.ProactiveDocs;
using static Grid.Tests.Proactive.ScheduledPushDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using ChannelEventType = Grid.Protos.V1.ChannelEventType;

/// <summary>
/// Scheduled pushes through real gRPC clients against the embedded host: a push due in a few seconds goes out once at
/// its time on the outbound stream and is in the customer's conversation; the same call again schedules once, another
/// payload under its key is refused; cancelled before its time nothing goes, after it the cancel is refused; quiet
/// hours defer it (urgent ones go), no consent skips it with the reason; bad requests get what to fix.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ScheduledPushTests(EmbeddedGridFixture fixture)
{
    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task A_push_due_in_a_few_seconds_goes_out_once_at_its_time_into_the_customers_conversation()
    {
        const string tenant = "pro-sched";
        await using var client = Grid.IntegratorOf(tenant);
        await ImportAsync(client, [Customer("S-1", ["x"], ["sms"], null, "+33698766001", "fr", "Asia/Tokyo")]);
        await using var stream = client.OpenOutbound();

        var request = Reminder(tenant, "S-1", "appointment-17:reminder", TimeSpan.FromSeconds(4));
        var scheduled = await client.Proactive.SchedulePushAsync(request, client.Headers);
        Assert.Equal(("scheduled", true, ScheduledPushKind.AppointmentReminder), (scheduled.Status, scheduled.Created, scheduled.Kind));
        Assert.Matches("^sch_[0-9a-f]{24}$", scheduled.PushId);

        // A retry is the same push; the same key with another payload is refused.
        var again = await client.Proactive.SchedulePushAsync(request, client.Headers);
        Assert.Equal((scheduled.PushId, false), (again.PushId, again.Created));
        var changed = request.Clone();
        changed.Variables["when"] = "lundi";
        var conflict = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.SchedulePushAsync(changed, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Contains("another content", conflict.Status.Detail, StringComparison.Ordinal);

        var message = await NextPushAsync(client, stream, scheduled.PushId, Wait);
        var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(receivedAt >= request.DueAtUnixMs - 250, $"sent {request.DueAtUnixMs - receivedAt} ms before its time");
        Assert.Equal((Channel.Sms, "+33698766001", "Rappel : votre rendez-vous demain à 9:00.", "S-1"), (message.Channel, message.To, message.Text, message.CustomerId));

        var sent = await PollAsync(client, scheduled.PushId, p => p.Status == "sent");
        Assert.Equal(("sent", message.OutboundId, Channel.Sms), (sent.Status, sent.OutboundId, sent.Channel));
        var entries = await client.ListAllAsync(message.ConversationId);
        var entry = Assert.Single(entries, e => e.Metadata.TryGetValue("scheduled", out var id) && id == scheduled.PushId);
        Assert.Equal(("scheduled-appointment-reminder", message.Seq), (entry.Metadata["purpose"], entry.Seq));

        // Once: nothing more for it (a redelivery would carry the same outbound id; none comes once acknowledged).
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(3)));
        Assert.Single(await client.ListAllAsync(message.ConversationId), e => e.Metadata.ContainsKey("scheduled"));
        var listed = await client.Proactive.ListScheduledPushesAsync(new ListScheduledPushesRequest { CustomerId = "S-1" }, client.Headers);
        Assert.Equal([(scheduled.PushId, "sent")], listed.Pushes.Select(p => (p.PushId, p.Status)));

        var metrics = await new HttpClient().GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        Assert.Contains("grid_proactive_scheduled_pushes_total{status=\"sent\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_cancelled_before_its_time_sends_nothing_and_one_already_sent_cannot_be_cancelled()
    {
        const string tenant = "pro-sched-cancel";
        await using var client = Grid.IntegratorOf(tenant);
        await ImportAsync(client, [Customer("C-1", ["x"], ["sms"], null, "+33698766101", "fr", "Asia/Tokyo")]);
        await using var stream = client.OpenOutbound();

        var early = await client.Proactive.SchedulePushAsync(Reminder(tenant, "C-1", "call-1", TimeSpan.FromSeconds(3)), client.Headers);
        var cancelled = await client.Proactive.CancelScheduledPushAsync(new ScheduledPushRequest { PushId = early.PushId }, client.Headers);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", (await client.Proactive.CancelScheduledPushAsync(new ScheduledPushRequest { PushId = early.PushId }, client.Headers)).Status);

        var now = await client.Proactive.SchedulePushAsync(Reminder(tenant, "C-1", "call-2", TimeSpan.Zero), client.Headers);
        var message = await NextPushAsync(client, stream, now.PushId, Wait);
        Assert.Equal("sent", (await PollAsync(client, now.PushId, p => p.Status == "sent")).Status);
        var late = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.CancelScheduledPushAsync(new ScheduledPushRequest { PushId = now.PushId }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains($"was already sent at", late.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(message.OutboundId, late.Status.Detail, StringComparison.Ordinal);

        // Well past the cancelled one's time: it never went.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("cancelled", (await client.Proactive.GetScheduledPushAsync(new ScheduledPushRequest { PushId = early.PushId }, client.Headers)).Status);
    }

    [Fact]
    public async Task Quiet_hours_defer_a_push_unless_urgent_and_a_customer_without_consent_is_skipped_with_the_reason()
    {
        const string tenant = "pro-sched-quiet";
        await using var client = Grid.IntegratorOf(tenant);
        await ImportAsync(client, [
            Customer("Q-1", ["x"], ["sms"], null, "+33698766201", "fr", "UTC"),
            Customer("Q-2", ["x"], null, null, "+33698766202", "fr", "UTC"),
        ]);
        await using var stream = client.OpenOutbound();

        // Quiet hours of two hours around now in UTC.
        var minute = (DateTime.UtcNow.Hour * 60) + DateTime.UtcNow.Minute;
        SchedulePushRequest Quiet(string customer, string key, bool urgent)
        {
            var request = Reminder(tenant, customer, key, TimeSpan.Zero);
            (request.QuietStartMinute, request.QuietEndMinute, request.Urgent) = ((minute + 1380) % 1440, (minute + 60) % 1440, urgent);
            return request;
        }

        var deferred = await client.Proactive.SchedulePushAsync(Quiet("Q-1", "follow-up-1", urgent: false), client.Headers);
        var waiting = await PollAsync(client, deferred.PushId, p => p.Status == "deferred");
        Assert.Equal("deferred", waiting.Status);
        var expectedEnd = new DateTimeOffset(DateTime.UtcNow.Date.AddMinutes(minute + 60), TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.InRange(waiting.DeferredUntilUnixMs, expectedEnd - 90_000, expectedEnd + 90_000);

        var urgent = await client.Proactive.SchedulePushAsync(Quiet("Q-1", "follow-up-urgent", urgent: true), client.Headers);
        Assert.Equal("+33698766201", (await NextPushAsync(client, stream, urgent.PushId, Wait)).To);

        var noConsent = await client.Proactive.SchedulePushAsync(Reminder(tenant, "Q-2", "callback-1", TimeSpan.Zero), client.Headers);
        var skipped = await PollAsync(client, noConsent.PushId, p => p.Status == "skipped");
        Assert.Equal(("skipped", "no-consent", ""), (skipped.Status, skipped.Reason, skipped.OutboundId));

        // Only the urgent one went out.
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal("deferred", (await client.Proactive.GetScheduledPushAsync(new ScheduledPushRequest { PushId = deferred.PushId }, client.Headers)).Status);
    }

    [Fact]
    public async Task A_failed_sms_moves_the_push_to_email()
    {
        const string tenant = "pro-sched-fallback";
        await using var client = Grid.IntegratorOf(tenant);
        await ImportAsync(client, [Customer("F-1", ["x"], ["sms", "email"], "f1@sched.example", "+33698766601", "fr", "Asia/Tokyo")]);
        await using var stream = client.OpenOutbound();
        var request = Reminder(tenant, "F-1", "callback-fallback", TimeSpan.Zero);
        request.Channels.Add(new ChannelRoute { Channel = Channel.Email, Integrator = tenant + "-all" });
        var push = await client.Proactive.SchedulePushAsync(request, client.Headers);

        var sms = await NextPushAsync(client, stream, push.PushId, Wait);
        Assert.Equal(Channel.Sms, sms.Channel);
        await client.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = ChannelEventType.Failed, ExternalId = "rcpt-" + sms.OutboundId, OutboundId = sms.OutboundId, Channel = Channel.Sms, Detail = "unreachable",
        }, client.Headers);

        var email = await NextPushAsync(client, stream, push.PushId, Wait);
        Assert.Equal((Channel.Email, "f1@sched.example", sms.Text), (email.Channel, email.To, email.Text));
        var moved = await PollAsync(client, push.PushId, p => p.OutboundId == email.OutboundId);
        Assert.Equal(("sent", Channel.Email, email.OutboundId), (moved.Status, moved.Channel, moved.OutboundId));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_what_to_fix_and_nothing_is_stored()
    {
        const string tenant = "pro-sched-errors";
        await using var client = Grid.IntegratorOf(tenant);
        await ImportAsync(client, [Customer("E-1", ["x"], ["sms"], null, "+33698766301", "de", "UTC")]);

        async Task<RpcException> Refused(SchedulePushRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => client.Proactive.SchedulePushAsync(request, client.Headers).ResponseAsync);

        var german = Reminder(tenant, "E-1", "k", TimeSpan.FromMinutes(5));
        german.FallbackLanguage = "fr";
        Assert.Equal("scheduled", (await client.Proactive.SchedulePushAsync(german, client.Headers)).Status);

        var past = await Refused(Reminder(tenant, "E-1", "past", TimeSpan.FromMinutes(-5)));
        Assert.Equal(StatusCode.InvalidArgument, past.StatusCode);
        Assert.Contains("5 minutes in the past", past.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("more than 366 days ahead", (await Refused(Reminder(tenant, "E-1", "far", TimeSpan.FromDays(400)))).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("no template for 'de', the language of customer E-1", (await Refused(Reminder(tenant, "E-1", "de", TimeSpan.FromMinutes(5)))).Status.Detail, StringComparison.Ordinal);
        var oversize = Reminder(tenant, "E-1", "big", TimeSpan.FromMinutes(5));
        (oversize.FallbackLanguage, oversize.Templates["fr"]) = ("fr", new string('x', 1601));
        Assert.Contains("templates[fr]: 1601 characters", (await Refused(oversize)).Status.Detail, StringComparison.Ordinal);
        var noKind = Reminder(tenant, "E-1", "kind", TimeSpan.FromMinutes(5));
        (noKind.FallbackLanguage, noKind.Kind) = ("fr", ScheduledPushKind.Unspecified);
        Assert.Contains("kind: required", (await Refused(noKind)).Status.Detail, StringComparison.Ordinal);
        var noChannel = Reminder(tenant, "E-1", "channel", TimeSpan.FromMinutes(5));
        (noChannel.FallbackLanguage, noChannel.Channels[0].Channel) = ("fr", Channel.Webchat);
        Assert.Contains("cannot carry a push", (await Refused(noChannel)).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("idempotency_key", (await Refused(Reminder(tenant, "E-1", "", TimeSpan.FromMinutes(5)))).Status.Detail, StringComparison.Ordinal);

        var unknown = await Refused(Reminder(tenant, "E-404", "k", TimeSpan.FromMinutes(5)));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not in the tenant's directory", unknown.Status.Detail, StringComparison.Ordinal);
        var badId = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.GetScheduledPushAsync(new ScheduledPushRequest { PushId = "nope" }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        var never = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.CancelScheduledPushAsync(new ScheduledPushRequest { PushId = "sch_" + new string('0', 24) }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, never.StatusCode);

        // Only the valid one is stored.
        var listed = await client.Proactive.ListScheduledPushesAsync(new ListScheduledPushesRequest { CustomerId = "E-1" }, client.Headers);
        Assert.Equal(["scheduled"], listed.Pushes.Select(p => p.Status));
    }
}
