using System.Text.RegularExpressions;
using Grid.Edge.Agents;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// What an agent or a client learns from a refusal, and what the host logs of it: an agent cannot tell a conversation
/// they have no part in from an unknown id; refusals are logged without stack traces, with the client's address and
/// rate-limited, so that a client repeating bad calls cannot flood the log.
/// </summary>
public sealed class RefusalTests
{
    /// <summary>Every hub method that names a conversation, with arguments that pass the hub's own checks.</summary>
    private static readonly (string Method, Func<string, object?[]> Args)[] ConversationCalls =
    [
        ("Accept", id => [id]),
        ("Decline", id => [id]),
        ("Reply", id => [id, "c-" + Guid.NewGuid(), "hello"]),
        ("ReplyOn", id => [id, "c-" + Guid.NewGuid(), "hello", "Email"]),
        ("GetChannels", id => [id]),
        ("Resolve", id => [id, null]),
        ("GetConversation", id => [id]),
        ("GetHistory", id => [id, 0L, 10]),
        ("GetContext", id => [id]),
        ("AddNote", id => [id, "n-" + Guid.NewGuid(), "a note"]),
        ("Transfer", id => [id, "default", null, null]),
        ("HandBack", id => [id, "the bot knows"]),
        ("Invite", id => [id, "someone", false]),
        ("Close", id => [id, null]),
        ("Join", id => [id]),
        ("TakeOver", id => [id]),
        ("Watch", id => [id]),
        ("Unwatch", id => [id]),
        ("LinkAddress", id => [id, "Sms", "+33611112222"]),
        ("MergeCustomer", id => [id, "cus_" + Guid.NewGuid().ToString("N")]),
        ("ConfirmCustomer", id => [id, "cus-someone"]),
        ("UnlinkAddress", id => [id, "Sms", "+33611112222"]),
    ];

    [Fact]
    public async Task An_agent_cannot_tell_a_conversation_they_have_no_part_in_from_an_unknown_id()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        await using var integrator = grid.Integrator();
        await using var alice = await grid.AgentAsync("alice");
        await using var bob = await grid.AgentAsync("bob");

        // Queued (nobody available), offered to alice, with alice, resolved, closed: bob has no part in it in any of these states.
        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "parts-1", "Bonjour, je veux parler à un conseiller");
        Assert.Equal(Protos.V1.ConversationStatus.Queued, (await integrator.GetConversationAsync(posted.ConversationId)).Status);
        await AssertLikeUnknownAsync(bob, posted.ConversationId, "Queued");
        await alice.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        var offer = await alice.NextOfferAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);
        await AssertLikeUnknownAsync(bob, posted.ConversationId, "Offered");
        await alice.Hub.InvokeAsync<ConversationDto>("Accept", posted.ConversationId);
        await AssertLikeUnknownAsync(bob, posted.ConversationId, "WithAgent");
        await alice.Hub.InvokeAsync("Resolve", posted.ConversationId, null);
        await AssertLikeUnknownAsync(bob, posted.ConversationId, "Resolved");
        await alice.Hub.InvokeAsync("Close", posted.ConversationId, null);
        await AssertLikeUnknownAsync(bob, posted.ConversationId, "Closed");

        // Nor in one that never left the bot (or waits for someone: alice is away).
        await alice.Hub.InvokeAsync<AgentDto>("SetPresence", "Away");
        var other = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "parts-2", "Bonjour");
        await AssertLikeUnknownAsync(bob, other.ConversationId, (await integrator.GetConversationAsync(other.ConversationId)).Status.ToString());

        // Alice took part: she is told why, not "not found".
        var hers = await Assert.ThrowsAsync<HubException>(() => alice.Hub.InvokeAsync("Reply", posted.ConversationId, "c-late", "hello"));
        Assert.Contains("wrong_state:", hers.Message);
    }

    [Fact]
    public async Task Refusals_repeated_by_one_client_are_logged_a_few_times_with_its_address_and_without_stack_traces()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        await using var agent = await grid.AgentAsync("mallory");
        await using var badKey = grid.Integrator("not-a-key-" + Guid.NewGuid().ToString("N"));
        await using var integrator = grid.Integrator();
        var logged = grid.Process.Output.Length;

        const int Calls = 400;
        var started = DateTime.UtcNow;
        for (var i = 0; i < Calls; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<ConversationDto>("GetConversation", "cnv_none" + i));
            await Assert.ThrowsAsync<RpcException>(() => badKey.GetConversationAsync("cnv_none"));
            await Assert.ThrowsAsync<RpcException>(() => integrator.GetConversationAsync("cnv_none" + i));
        }

        // Forged agent tokens (signed with another key), a connection attempt each.
        var forged = grid.Keys.Token(grid.Keys.Tenant, "eve", Convert.ToBase64String(new byte[32]));
        for (var i = 0; i < 50; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => AgentConnection.ConnectAsync(grid.HttpPort, forged));
        }

        var elapsed = DateTime.UtcNow - started;
        await Task.Delay(500); // the console logger writes from its own thread
        var output = grid.Process.Output[logged..];
        var lines = output.Split('\n');

        foreach (var sign in new[] { "Exception", "   at ", "fail:" })
        {
            Assert.False(output.Contains(sign, StringComparison.Ordinal), $"The host logged '{sign}':\n{Head(output)}");
        }

        // At most one line per client address and kind of refusal per 10 seconds (and one more per window crossed).
        var allowed = 2 * (1 + (int)(elapsed.TotalSeconds / 10)) + 2;
        var hubLines = lines.Where(l => l.Contains("Hub call GetConversation", StringComparison.Ordinal)).ToList();
        var keyLines = lines.Where(l => l.Contains("API key", StringComparison.Ordinal)).ToList();
        var notFoundLines = lines.Where(l => l.Contains("refused with NotFound", StringComparison.Ordinal)).ToList();
        Assert.Contains("Call /grid.v1.ReadService/GetConversation from 127.0.0.1 refused with NotFound", output);
        Assert.True(notFoundLines.Count <= allowed, $"{notFoundLines.Count} lines for {Calls} unknown ids:\n{Head(output)}");
        Assert.Contains("Hub call GetConversation by agent mallory from 127.0.0.1 refused: not_found", output);
        Assert.True(hubLines.Count is > 0, $"no hub refusal logged:\n{Head(output)}");
        Assert.True(hubLines.Count <= allowed, $"{hubLines.Count} lines for {Calls} hub refusals in {elapsed}:\n{Head(output)}");
        Assert.True(keyLines.Count is > 0, $"no refused API key logged:\n{Head(output)}");
        Assert.True(keyLines.Count <= allowed, $"{keyLines.Count} lines for {Calls} refused keys in {elapsed}:\n{Head(output)}");
        Assert.True(lines.Length < 8 * allowed + 20, $"{lines.Length} lines for {3 * Calls + 50} refused calls:\n{Head(output)}");

        // Bad keys are a warning naming the client's address; nothing of the key.
        Assert.Contains(keyLines, l => l.Contains("127.0.0.1", StringComparison.Ordinal));
        var firstKeyLine = Array.FindIndex(lines, l => l.Contains("API key", StringComparison.Ordinal));
        Assert.StartsWith("warn:", lines[firstKeyLine - 1]);
        Assert.DoesNotContain("not-a-key", output);
        Assert.Contains(hubLines, l => l.Contains("127.0.0.1", StringComparison.Ordinal));
        var tokenLines = lines.Where(l => l.Contains("Agent token from 127.0.0.1 refused: invalid signature", StringComparison.Ordinal)).ToList();
        Assert.True(tokenLines.Count is > 0 && tokenLines.Count <= allowed, $"{tokenLines.Count} lines for 50 forged tokens:\n{Head(output)}");
        Assert.DoesNotContain(forged, output);

        // After the window, the next refusal is logged with the count of those that were not.
        await Task.Delay(TimeSpan.FromSeconds(10.5));
        logged = grid.Process.Output.Length;
        await Assert.ThrowsAsync<RpcException>(() => badKey.GetConversationAsync("cnv_none"));
        await Task.Delay(500);
        var next = grid.Process.Output[logged..];
        Assert.Matches(new Regex(@"127\.0\.0\.1.*API key.*\b[1-9]\d* more\b", RegexOptions.Singleline), next);
    }

    private static async Task AssertLikeUnknownAsync(AgentConnection stranger, string conversationId, string state)
    {
        var unknownId = "cnv_" + Guid.NewGuid().ToString("N");
        foreach (var (method, args) in ConversationCalls)
        {
            var existing = await RefusalAsync(stranger, method, args(conversationId));
            var unknown = await RefusalAsync(stranger, method, args(unknownId));
            Assert.Equal(unknown.Replace(unknownId, "<id>", StringComparison.Ordinal), existing.Replace(conversationId, "<id>", StringComparison.Ordinal));
            // Supervisors' methods refuse a plain agent before looking at the id (HubRoleFilter): forbidden, the same for any id.
            var expected = method is "Join" or "TakeOver" or "Watch" or "Unwatch" ? "forbidden:" : "not_found:";
            Assert.True(existing.Contains(expected, StringComparison.Ordinal), $"{method} on a {state} conversation: {existing}");
        }
    }

    private static async Task<string> RefusalAsync(AgentConnection agent, string method, object?[] args)
    {
        try
        {
            await agent.Hub.InvokeCoreAsync<object>(method, args);
        }
        catch (HubException refused)
        {
            return refused.Message;
        }

        throw new Xunit.Sdk.XunitException($"{method} was not refused");
    }

    private static string Head(string output) => output.Length > 6000 ? output[..6000] : output;
}
