using Grid.Edge.Agents;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// Supervisors through real SignalR clients: the tenant's live conversations (filters, pages, refusals), and a silent
/// watch that brings the conversation's entries and status live until it ends.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class SupervisionTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task A_supervisor_lists_live_conversations_by_status_queue_and_agent_page_by_page_and_an_agent_may_not()
    {
        await using var integrator = Grid.IntegratorOf("sup-list");
        await using var sue = await Grid.AgentAsync("sue", "sup-list", role: "supervisor");
        await using var ann = await Grid.AgentAsync("ann", "sup-list");

        // Nobody is available: every conversation waits in the default queue (the tenant has no bot).
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "sl-" + i + "-" + Guid.NewGuid(), "I need help with my contract " + i)).ConversationId);
        }

        var (waiting, taken, billing, late) = (ids[0], ids[1], ids[2], ids[3]);
        await sue.Hub.InvokeAsync<ConversationDto>("TakeOver", taken);
        await sue.Hub.InvokeAsync<ConversationDto>("TakeOver", billing);
        await sue.Hub.InvokeAsync("Transfer", billing, "billing", "", "invoice question");

        var all = await ListAsync(sue, null, null, null, null, 50);
        Assert.Null(all.Next);
        Assert.Equal(ids.Order(), all.Conversations.Select(c => c.ConversationId).Order());
        var byId = all.Conversations.ToDictionary(c => c.ConversationId);
        Assert.Equal(("Queued", "default", null), (byId[waiting].Status, byId[waiting].Queue, byId[waiting].AssignedAgent));
        Assert.NotNull(byId[waiting].WaitingSince);
        Assert.Equal(("WithAgent", "taken-over", "sue"), (byId[taken].Status, byId[taken].StatusReason, byId[taken].AssignedAgent));
        Assert.Null(byId[taken].WaitingSince);
        Assert.Equal(("Queued", "billing"), (byId[billing].Status, byId[billing].Queue));
        Assert.All(all.Conversations, c => Assert.Equal("Sms", c.Channel));

        Assert.Equal(new[] { waiting, billing, late }.Order(), (await ListAsync(sue, "Queued", null, null, null, 50)).Conversations.Select(c => c.ConversationId).Order());
        Assert.Equal([billing], (await ListAsync(sue, null, "billing", null, null, 50)).Conversations.Select(c => c.ConversationId));
        Assert.Equal(new[] { waiting, late }.Order(), (await ListAsync(sue, "queued", "default", null, null, 50)).Conversations.Select(c => c.ConversationId).Order());
        Assert.Equal([taken], (await ListAsync(sue, null, null, "sue", null, 50)).Conversations.Select(c => c.ConversationId));

        // One at a time: the same conversations in the same order, each once.
        var paged = new List<string>();
        string? after = null;
        do
        {
            var page = await ListAsync(sue, null, null, null, after, 1);
            paged.Add(Assert.Single(page.Conversations).ConversationId);
            after = page.Next;
        }
        while (after is not null);
        Assert.Equal(all.Conversations.Select(c => c.ConversationId), paged);

        var agent = await Assert.ThrowsAsync<HubException>(() => ListAsync(ann, null, null, null, null, 50));
        Assert.Contains("HubException: forbidden:", agent.Message);
        foreach (var (status, cursor, limit) in new[] { ((string?)null, (string?)null, 0), (null, null, 500), ("Closed", null, 10), ("Sleeping", null, 10), (null, "garbage", 10) })
        {
            var bad = await Assert.ThrowsAsync<HubException>(() => ListAsync(sue, status, null, null, cursor, limit));
            Assert.Contains("HubException: invalid:", bad.Message);
        }

        await sue.Hub.InvokeAsync("Close", taken, "sorted by phone");
        Assert.DoesNotContain(taken, (await ListAsync(sue, null, null, null, null, 50)).Conversations.Select(c => c.ConversationId));
    }

    [Fact]
    public async Task A_supervisor_watches_silently_receives_entries_and_status_live_and_nothing_once_unwatched()
    {
        await using var integrator = Grid.IntegratorOf("sup-watch");
        await using var ann = await Grid.AgentAsync("ann", "sup-watch");
        await ann.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var phone = MessagePathTests.UniquePhone();
        var first = await integrator.PostSmsAsync(phone, "sw-1-" + Guid.NewGuid(), "My parcel never arrived");
        var conversationId = (await ann.NextOfferAsync(Wait)).Conversation.ConversationId;
        Assert.Equal(first.ConversationId, conversationId);
        var accepted = await ann.Hub.InvokeAsync<ConversationDto>("Accept", conversationId);

        await using var sue = await Grid.AgentAsync("sue", "sup-watch", role: "supervisor");
        var watch = await sue.Hub.InvokeAsync<WatchDto>("Watch", conversationId);
        Assert.Equal(("WithAgent", "ann", accepted.LastSeq), (watch.Conversation.Status, watch.Conversation.AssignedAgent, watch.Conversation.LastSeq));
        Assert.DoesNotContain("sue", watch.Conversation.Participants);
        Assert.Contains(watch.Context.Transcript, e => e.Kind == "CustomerMessage" && e.Text == "My parcel never arrived");
        Assert.InRange(watch.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));

        await integrator.PostSmsAsync(phone, "sw-2-" + Guid.NewGuid(), "Tracking says delivered");
        Assert.Equal("Tracking says delivered", (await sue.NextEntryAsync(e => e.Kind == "CustomerMessage", Wait)).Text);
        await ann.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "sw-r2", "I'm opening a claim with the carrier.");
        Assert.Equal("I'm opening a claim with the carrier.", (await sue.NextEntryAsync(e => e.Kind == "AgentMessage", Wait)).Text);
        await ann.Hub.InvokeAsync<long>("AddNote", conversationId, "sw-n2", "Third lost parcel this month");
        Assert.Equal("Third lost parcel this month", (await sue.NextEntryAsync(e => e.Kind == "InternalNote", Wait)).Text);

        // Refusals: a plain agent (even the assigned one), someone with no part, an unknown id, another tenant's supervisor.
        var assigned = await Assert.ThrowsAsync<HubException>(() => ann.Hub.InvokeAsync<WatchDto>("Watch", conversationId));
        Assert.Contains("HubException: forbidden:", assigned.Message);
        await using var carl = await Grid.AgentAsync("carl", "sup-watch");
        Assert.Contains("HubException: forbidden:", (await Assert.ThrowsAsync<HubException>(() => carl.Hub.InvokeAsync<WatchDto>("Watch", conversationId))).Message); // before the id is looked at
        Assert.Contains("HubException: not_found:", (await Assert.ThrowsAsync<HubException>(() => sue.Hub.InvokeAsync<WatchDto>("Watch", "cnv_nope"))).Message);
        await using var stranger = await Grid.AgentAsync("sue", "sup-list", role: "supervisor");
        Assert.Contains("HubException: not_found:", (await Assert.ThrowsAsync<HubException>(() => stranger.Hub.InvokeAsync<WatchDto>("Watch", conversationId))).Message);

        // Unwatched: the next message and reply reach the agent only. Watching again afterwards is the marker: what sue
        // receives next is the message after the watch resumed, never one from the gap.
        var lastSeen = (await sue.Hub.InvokeAsync<ConversationDto>("GetConversation", conversationId)).LastSeq;
        await sue.Hub.InvokeAsync("Unwatch", conversationId);
        await integrator.PostSmsAsync(phone, "sw-3-" + Guid.NewGuid(), "Any news?");
        Assert.Equal("Any news?", (await ann.NextEntryAsync(e => e.Kind == "CustomerMessage" && e.Text == "Any news?", Wait)).Text);
        await ann.Hub.InvokeAsync<ReplyDto>("Reply", conversationId, "sw-r3", "Still waiting for the carrier.");
        await sue.Hub.InvokeAsync<WatchDto>("Watch", conversationId);
        var resumed = await integrator.PostSmsAsync(phone, "sw-4-" + Guid.NewGuid(), "Thanks, I'll wait");
        var received = new List<EntryDto>();
        while (received.LastOrDefault()?.Seq != resumed.Seq)
        {
            received.Add(await sue.NextEntryAsync(_ => true, Wait));
        }

        Assert.DoesNotContain(received, e => e.Seq > lastSeen && e.Seq < resumed.Seq);

        // A status change reaches the watcher; the watch left no trace in the conversation.
        await ann.Hub.InvokeAsync("Resolve", conversationId, "claim opened");
        Assert.Equal("Resolved", (await sue.NextUpdateAsync(c => c.ConversationId == conversationId && c.Status == "Resolved", Wait)).Status);
        var history = await integrator.ListAllAsync(conversationId);
        Assert.DoesNotContain(history, e => e.Author.Contains("sue") || (e.Text ?? "").Contains("sue"));
        Assert.DoesNotContain("sue", (await integrator.GetConversationAsync(conversationId)).Participants);
    }

    internal static Task<LiveConversationPageDto> ListAsync(AgentConnection who, string? status, string? queue, string? agent, string? after, int limit) =>
        who.Hub.InvokeAsync<LiveConversationPageDto>("ListConversations", status, queue, agent, after, limit);
}
