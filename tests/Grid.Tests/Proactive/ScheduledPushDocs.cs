using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>Shared helpers of the scheduled push tests: requests, waiting for a push's status.</summary>
internal static class ScheduledPushDocs
{
    /// <summary>An appointment reminder to <paramref name="customerId"/> due <paramref name="due"/> from now, on SMS through the tenant's integrator.</summary>
    public static SchedulePushRequest Reminder(string tenant, string customerId, string key, TimeSpan due) => new()
    {
        CustomerId = customerId, Kind = ScheduledPushKind.AppointmentReminder, IdempotencyKey = key,
        DueAtUnixMs = DateTimeOffset.UtcNow.Add(due).ToUnixTimeMilliseconds(),
        Templates = { ["fr"] = "Rappel : votre rendez-vous {when}.", ["en"] = "Reminder: your appointment {when}." },
        Variables = { ["when"] = "demain à 9:00" },
        Channels = { new ChannelRoute { Channel = Channel.Sms, Integrator = tenant + "-all" } },
    };

    /// <summary>Reads the push until <paramref name="until"/> holds (or the wait is over: the caller's assertion then says what it was).</summary>
    public static Task<ScheduledPush> PollAsync(IntegratorClient client, string pushId, Func<ScheduledPush, bool> until) =>
        UntilAsync(async () => await client.Proactive.GetScheduledPushAsync(new ScheduledPushRequest { PushId = pushId }, client.Headers), until);

    /// <summary>Reads every 100 ms until <paramref name="until"/> holds or <see cref="ProactiveDocs.Wait"/> is over; returns the last read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> until)
    {
        var deadline = DateTime.UtcNow + ProactiveDocs.Wait;
        while (true)
        {
            var value = await read();
            if (until(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The next outbound message of a scheduled push (author "scheduled:&lt;id&gt;"), acknowledged; others are acknowledged and passed over.</summary>
    public static async Task<OutboundMessage> NextPushAsync(IntegratorClient client, OutboundStream stream, string pushId, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var message = await stream.NextAsync(deadline - DateTime.UtcNow);
            await client.AckAsync(message.OutboundId);
            if (message.Author == "scheduled:" + pushId)
            {
                return message;
            }
        }
    }
}
