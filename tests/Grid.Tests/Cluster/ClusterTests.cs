using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Cluster;

using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// Cluster mode on a real PostgreSQL server: two silo processes and one standalone edge process, the whole
/// message path, then one silo SIGKILLed while conversations go on from the other.
/// </summary>
public sealed class ClusterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_silos_and_an_edge_on_postgres_survive_the_loss_of_a_silo()
    {
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        var keys = new TestKeys();
        var common = ClusterProcesses.Common(postgres, keys, "test");

        await using var silo1 = ClusterProcesses.StartSilo(common, out var silo1Http);
        await silo1.WaitReadyAsync(silo1Http, Wait);
        await using var silo2 = ClusterProcesses.StartSilo(common, out var silo2Http);
        await silo2.WaitReadyAsync(silo2Http, Wait);

        // The edge holds no address-hash key: identities are resolved in the silos.
        await using var edge = ClusterProcesses.StartEdge(common, keys, out var edgeHttp, out var edgeGrpc);
        await edge.WaitReadyAsync(edgeHttp, Wait);

        // Both silos joined one cluster: the membership table has two active rows.
        Assert.Equal(2, await ActiveSilosAsync(postgres));

        await using var integrator = new IntegratorClient(edgeGrpc, keys.ApiKey);
        await using var outbound = integrator.OpenOutbound();
        await using var agent = await AgentConnection.ConnectAsync(edgeHttp, keys.Token(keys.Tenant, "sam"));
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");

        var sender = "+3361" + Random.Shared.Next(1_000_000, 9_999_999);
        var first = await integrator.PostSmsAsync(sender, "c1", "L'ascenseur est en panne");
        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(first.ConversationId, offer.Conversation.ConversationId);
        await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", first.ConversationId);
        var second = await integrator.PostSmsAsync(sender, "c2", "Au 3e étage");
        Assert.Equal("Au 3e étage", (await agent.NextEntryAsync(e => e.Kind == "CustomerMessage", Wait)).Text);
        var replySeq = (await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", first.ConversationId, "r1", "Un technicien arrive.")).Seq;
        var sent = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal(("Un technicien arrive.", sender, replySeq), (sent.Text, sent.To, sent.Seq));
        Assert.Equal(1, (await integrator.AckAsync(sent.OutboundId)).Acknowledged);

        // Many more conversations, spread over both silos, each acknowledged message remembered.
        var acked = new List<(string Sender, string Text, Protos.V1.PostInboundResponse Ack)>();
        for (var i = 0; i < 20; i++)
        {
            var s = "+3362" + Random.Shared.Next(1_000_000, 9_999_999);
            acked.Add((s, $"before {i}", await integrator.PostSmsAsync(s, $"b{i}", $"before {i}")));
        }

        var killedAt = DateTimeOffset.UtcNow;
        await silo2.KillAsync();

        // Conversations keep working from the surviving silo (Orleans may need a few seconds to declare the
        // dead silo: calls routed to it fail until then, and integrators retry with the same external id).
        var afterKill = await RetryAsync(() => integrator.PostSmsAsync(sender, "c3", "Toujours bloqué"));
        Assert.Equal(first.ConversationId, afterKill.ConversationId);
        Assert.False(afterKill.Duplicate);

        // The agent's presence and assignment are grain state in PostgreSQL: whichever silo hosted them, they are intact,
        // and waiting conversations are still routed to the agent (queues relearn agents from their 30 s reports).
        var me = await RetryAsync(() => agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("GetMe"));
        Assert.Equal("Available", me.Presence);
        Assert.Equal([first.ConversationId], me.Conversations);
        // The conversations posted above wait in the queue: one of them is offered to the agent after the kill (an offer
        // made then expires 30 s after it), whichever silo holds the queue now.
        var routed = await agent.NextOfferAsync(TimeSpan.FromSeconds(90));
        while (routed.ExpiresAt is not { } expires || expires < killedAt + TimeSpan.FromSeconds(30))
        {
            routed = await agent.NextOfferAsync(TimeSpan.FromSeconds(90));
        }

        Assert.Contains(routed.Conversation.ConversationId, acked.Select(a => a.Ack.ConversationId));
        foreach (var (s, text, ack) in acked)
        {
            var next = await RetryAsync(() => integrator.PostSmsAsync(s, "after-" + ack.Seq + s, "after"));
            Assert.Equal(ack.ConversationId, next.ConversationId);
            var entries = await integrator.ListAllAsync(ack.ConversationId);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long)n), entries.Select(e => e.Seq));
            Assert.Equal([text, "after"], entries.Where(e => e.Kind == EntryKind.CustomerMessage).Select(e => e.Text));
        }

        var history = await integrator.ListAllAsync(first.ConversationId);
        Assert.Equal(
            ["L'ascenseur est en panne", "Au 3e étage", "Un technicien arrive.", "Toujours bloqué"],
            history.Where(e => e.Kind is EntryKind.CustomerMessage or EntryKind.AgentMessage).Select(e => e.Text));
        Assert.Equal(Channel.Sms, (await integrator.GetConversationAsync(first.ConversationId)).CurrentChannel);

        await RetryAsync(() => agent.Hub.InvokeAsync("Resolve", first.ConversationId, "technician sent"));
        Assert.Equal(ConversationStatus.Resolved, (await integrator.GetConversationAsync(first.ConversationId)).Status);

        // A supervisor's list reads the index the silos wrote in PostgreSQL with each unit.
        await using var supervisor = await AgentConnection.ConnectAsync(edgeHttp, keys.Token(keys.Tenant, "sue", role: "supervisor"));
        var live = (await supervisor.Hub.InvokeAsync<Edge.Agents.LiveConversationPageDto>("ListConversations", null, null, null, null, 200)).Conversations;
        Assert.Equal("Resolved", Assert.Single(live, c => c.ConversationId == first.ConversationId).Status);
        Assert.All(acked, a => Assert.Contains(live, c => c.ConversationId == a.Ack.ConversationId));
        var resolved = await supervisor.Hub.InvokeAsync<Edge.Agents.LiveConversationPageDto>("ListConversations", "Resolved", null, null, null, 1);
        Assert.Equal((first.ConversationId, (string?)null), (Assert.Single(resolved.Conversations).ConversationId, resolved.Next));

        // The survivor declared the killed silo dead in the membership table.
        var deadline = DateTime.UtcNow + Wait;
        while (await ActiveSilosAsync(postgres) != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal(1, await ActiveSilosAsync(postgres));
        Assert.False(silo1.HasExited);
    }


    private static async Task<long> ActiveSilosAsync(PostgresServer postgres)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM grid_membership WHERE status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Retries a call the way an integrator does after UNAVAILABLE or a timeout: same request, same idempotency key.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.Internal or Grpc.Core.StatusCode.DeadlineExceeded } or Microsoft.AspNetCore.SignalR.HubException)
            {
                await Task.Delay(500);
            }
        }
    }

    private static Task RetryAsync(Func<Task> call) => RetryAsync(async () =>
    {
        await call();
        return true;
    });
}
