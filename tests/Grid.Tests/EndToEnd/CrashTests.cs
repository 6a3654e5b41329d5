using Microsoft.AspNetCore.SignalR.Client;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>SIGKILL the embedded host and restart it on the same data directory: nothing acknowledged is lost.</summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_acknowledged_message_and_pending_reply_survives_a_kill()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();

        var senders = Enumerable.Range(0, 4).Select(_ => MessagePathTests.UniquePhone()).ToArray();
        var acked = new List<(string Sender, string Text, Protos.V1.PostInboundResponse Ack)>();
        string conversationWithReply;
        string pendingOutboundId;
        await using (var integrator = grid.Integrator())
        {
            // Four customers writing at once, 15 messages each: acknowledgements only count once returned.
            var posts = senders.Select(async sender =>
            {
                var mine = new List<(string, string, Protos.V1.PostInboundResponse)>();
                for (var i = 0; i < 15; i++)
                {
                    var text = $"message {i} from {sender}";
                    mine.Add((sender, text, await integrator.PostSmsAsync(sender, $"{sender}-{i}", text)));
                }

                return mine;
            });
            foreach (var mine in await Task.WhenAll(posts))
            {
                acked.AddRange(mine);
            }

            await using var agent = await grid.AgentAsync("dora");
            await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
            var offer = await agent.NextOfferAsync(Wait);
            conversationWithReply = offer.Conversation.ConversationId;
            await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", conversationWithReply);
            var replySeq = (await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", conversationWithReply, "k1", "On it.")).Seq;
            pendingOutboundId = $"{conversationWithReply}:{replySeq}";
        }

        await grid.KillAsync();
        await grid.StartAsync();

        await using var after = grid.Integrator();
        foreach (var group in acked.GroupBy(a => a.Ack.ConversationId))
        {
            var entries = await after.ListAllAsync(group.Key, pageSize: 7);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
            foreach (var (_, text, ack) in group)
            {
                var stored = Assert.Single(entries, e => e.Seq == ack.Seq);
                Assert.Equal(text, stored.Text);
            }

            var customerTexts = entries.Where(e => e.Kind == Protos.V1.EntryKind.CustomerMessage).Select(e => e.Text).ToList();
            Assert.Equal(group.OrderBy(a => a.Ack.Seq).Select(a => a.Text), customerTexts);
        }

        // States survive too: the accepted conversation is still with its agent, the others still wait.
        var withAgent = await after.GetConversationAsync(conversationWithReply);
        Assert.Equal((ConversationStatus.WithAgent, "dora"), (withAgent.Status, withAgent.AssignedAgent));
        foreach (var other in acked.Select(a => a.Ack.ConversationId).Distinct().Where(c => c != conversationWithReply))
        {
            Assert.Contains((await after.GetConversationAsync(other)).Status, new[] { ConversationStatus.Queued, ConversationStatus.Offered });
        }

        // The unacknowledged reply is delivered after the restart, and numbering continues without a gap.
        await using var stream = after.OpenOutbound();
        var redelivered = await stream.NextForAsync(conversationWithReply, Wait, EntryKind.AgentMessage);
        Assert.Equal(pendingOutboundId, redelivered.OutboundId);
        Assert.Equal("On it.", redelivered.Text);

        var sender0 = acked.First(a => a.Ack.ConversationId == conversationWithReply).Sender;
        var next = await after.PostSmsAsync(sender0, "after-restart", "still there?");
        Assert.Equal(conversationWithReply, next.ConversationId);
        var all = await after.ListAllAsync(conversationWithReply);
        Assert.Equal(all.Count, next.Seq);
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_refuses_to_start()
    {
        await using var first = new EmbeddedGrid();
        await first.StartAsync();
        await using var second = new EmbeddedGrid(first.Keys, first.DataDir);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        Assert.Contains("in use by another Grid process", error.Message);
        Assert.Contains("exited with code 1 ", error.Message); // one line, not an unhandled exception
        Assert.DoesNotContain("   at ", error.Message);
        using var http = new HttpClient();
        Assert.True((await http.GetAsync($"http://127.0.0.1:{first.HttpPort}/readyz")).IsSuccessStatusCode);
    }
}
