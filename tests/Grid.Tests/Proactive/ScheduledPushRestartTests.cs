using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using static Grid.Tests.Proactive.ProactiveDocs;
using static Grid.Tests.Proactive.ScheduledPushDocs;

namespace Grid.Tests.Proactive;

/// <summary>
/// A scheduled push survives the embedded host's death: scheduled a few seconds ahead, the host SIGKILLed before its
/// time and started again on the same data directory, it goes out once (its durable reminder wakes it).
/// </summary>
public sealed class ScheduledPushRestartTests
{
    [Fact]
    public async Task A_push_scheduled_before_a_kill_goes_out_once_after_the_restart()
    {
        const string tenant = "pro-sched-restart";
        await using var grid = new EmbeddedGrid();
        // Reminders may tick every second (the minimum reminder period follows the conversation clock's), as in the shared host.
        var settings = new Dictionary<string, string> { ["Grid__Conversations__ClockPeriod"] = "00:00:01" };
        await grid.StartAsync(settings);
        string pushId;
        await using (var client = grid.IntegratorOf(tenant))
        {
            await ImportAsync(client, [Customer("R-1", ["x"], ["sms"], null, "+33698766401", "fr", "Asia/Tokyo")]);
            pushId = (await client.Proactive.SchedulePushAsync(Reminder(tenant, "R-1", "follow-up-restart", TimeSpan.FromSeconds(8)), client.Headers)).PushId;
        }

        await grid.KillAsync();
        await grid.StartAsync(settings);

        await using var after = grid.IntegratorOf(tenant);
        await using var stream = after.OpenOutbound();
        var message = await NextPushAsync(after, stream, pushId, Wait);
        Assert.Equal(("+33698766401", "R-1"), (message.To, message.CustomerId));
        var sent = await PollAsync(after, pushId, p => p.Status == "sent");
        Assert.Equal(("sent", message.OutboundId), (sent.Status, sent.OutboundId));

        // Once: no other message for it, and one entry in the conversation.
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(4)));
        Assert.Single(await after.ListAllAsync(message.ConversationId), e => e.Metadata.TryGetValue("scheduled", out var id) && id == pushId);
    }
}
