using Grid.Edge.Agents;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>The index of live conversations is written with the journal: a killed and restarted host lists the same.</summary>
public sealed class LiveIndexRestartTests
{
    [Fact]
    public async Task The_live_list_is_the_same_after_a_kill_and_a_restart()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        string waiting;
        string taken;
        LiveConversationPageDto before;
        await using (var integrator = grid.Integrator())
        {
            waiting = (await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "lr-1", "I need a person please")).ConversationId;
            taken = (await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "lr-2", "I need a person too")).ConversationId;
            await using var sue = await grid.AgentAsync("sue", role: "supervisor");
            await sue.Hub.InvokeAsync<ConversationDto>("TakeOver", taken);
            before = await SupervisionTests.ListAsync(sue, null, null, null, null, 10);
        }

        await grid.KillAsync();
        await grid.StartAsync();

        await using var after = await grid.AgentAsync("sue", role: "supervisor");
        var page = await SupervisionTests.ListAsync(after, null, null, null, null, 10);
        Assert.Equal(before.Conversations, page.Conversations);
        Assert.Equal(new[] { taken, waiting }.Order(), page.Conversations.Select(c => c.ConversationId).Order());
        var byId = page.Conversations.ToDictionary(c => c.ConversationId);
        Assert.Equal(("WithAgent", "sue"), (byId[taken].Status, byId[taken].AssignedAgent));
        Assert.Equal("Queued", byId[waiting].Status);
    }
}
