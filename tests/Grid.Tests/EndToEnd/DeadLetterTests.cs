using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.EndToEnd;


/// <summary>
/// Outbound redelivery with backoff and dead letters, on a host of its own (short timings): a message nobody
/// acknowledges is sent again with growing gaps, then taken out of delivery after MaxAttempts sends; it is listed,
/// a retry sends it again on the open stream at once, a discard drops it, and an acknowledged message is never dead.
/// </summary>
public sealed class DeadLetterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Unacknowledged_messages_back_off_then_become_dead_letters_that_can_be_retried_or_discarded()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Outbound__RedeliverAfter"] = "00:00:00.400",
            ["Grid__Outbound__MaxAttempts"] = "4",
        });
        await using var integrator = grid.Integrator();
        await using var outbound = integrator.OpenOutbound();

        var posted = await integrator.PostSmsAsync("+33615000001", "dl-1", "Bonjour, je voudrais parler à un conseiller");
        // The conversation's notices (acknowledgement, place in the queue…), each sent four times, the gaps growing
        // (0.4 s, 0.8 s, 1.6 s). Times are taken where the client receives, so a send delivered late on a loaded machine
        // shortens the next gap: the first gap is compared with the third (1.2 s apart), not with the second.
        var sends = new List<(DateTime At, Protos.V1.OutboundMessage Message)>();
        string? outboundId = null;
        while (outboundId is null || sends.Count(s => s.Message.OutboundId == outboundId) < 4)
        {
            var message = await outbound.NextForAsync(posted.ConversationId, Wait);
            sends.Add((DateTime.UtcNow, message));
            outboundId ??= message.OutboundId;
        }

        var times = sends.Where(s => s.Message.OutboundId == outboundId).Select(s => s.At).ToList();
        Assert.True(times[3] - times[2] > times[1] - times[0], "the wait between sends grows");
        var ids = sends.Select(s => s.Message.OutboundId).Distinct().ToList();

        // After the fourth send, no fifth: every one of them is a dead letter.
        IReadOnlyList<Protos.V1.DeadLetter> letters = [];
        var deadline = DateTime.UtcNow + Wait;
        while (letters.Count < ids.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            letters = (await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters;
        }

        var letter = Assert.Single(letters, l => l.Message.OutboundId == outboundId);
        Assert.Equal(("max-attempts", 4), (letter.Reason, letter.Attempts));
        Assert.Equal(ids.Order(), letters.Select(l => l.Message.OutboundId).Order());
        await outbound.DrainAsync(TimeSpan.FromMilliseconds(500));
        Assert.True(await outbound.StaysQuietAsync(TimeSpan.FromSeconds(2)), "a dead letter is not sent again");
        Assert.Contains($"grid_outbound_dead_letters_total {ids.Count}", await new HttpClient().GetStringAsync($"http://127.0.0.1:{grid.HttpPort}/metrics"));
        Assert.Equal(ids.Count - 1, (await integrator.Outbound.DiscardDeadLettersAsync(new Protos.V1.DeadLettersRequest { OutboundIds = { ids.Where(i => i != outboundId) } }, integrator.Headers)).Count);

        // A retry sends it again on the open stream at once; acknowledged, it is done.
        Assert.Equal(1, (await integrator.Outbound.RetryDeadLettersAsync(new Protos.V1.DeadLettersRequest { OutboundIds = { outboundId, "unknown" } }, integrator.Headers)).Count);
        var again = await outbound.NextForAsync(posted.ConversationId, Wait);
        Assert.Equal(outboundId, again.OutboundId);
        Assert.Equal(1, (await integrator.AckAsync(outboundId)).Acknowledged);
        Assert.Empty((await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters);

        // Another one dies, then is discarded: never sent again, not listed.
        var second = await integrator.PostSmsAsync("+33615000002", "dl-2", "Bonjour, je voudrais parler à un conseiller");
        var secondId = (await outbound.NextForAsync(second.ConversationId, Wait)).OutboundId;
        deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline
            && !(await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters.Any(l => l.Message.OutboundId == secondId))
        {
            await Task.Delay(200);
        }

        var secondIds = (await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters.Select(l => l.Message.OutboundId).ToList();
        Assert.Contains(secondId, secondIds);
        await Task.Delay(TimeSpan.FromSeconds(4)); // the conversation's other notices die too
        secondIds = [.. (await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters.Select(l => l.Message.OutboundId)];
        Assert.Equal(secondIds.Count, (await integrator.Outbound.DiscardDeadLettersAsync(new Protos.V1.DeadLettersRequest { OutboundIds = { secondIds } }, integrator.Headers)).Count);
        Assert.Empty((await integrator.Outbound.ListDeadLettersAsync(new Protos.V1.ListDeadLettersRequest(), integrator.Headers)).Letters);
        await outbound.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.True(await outbound.StaysQuietAsync(TimeSpan.FromSeconds(2)), "a discarded letter is not sent again");

        var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Outbound.RetryDeadLettersAsync(new Protos.V1.DeadLettersRequest(), integrator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }
}
