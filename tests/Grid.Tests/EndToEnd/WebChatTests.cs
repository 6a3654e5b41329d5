using System.Net;
using System.Net.Http.Json;
using Grid.Edge.Agents;
using Grid.Edge.WebChat;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>The web chat channel through the real edge: visitors on the ChatHub (a real SignalR client), agents on the AgentHub.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class WebChatTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    private string Origin => Grid.Keys.WidgetOrigin;

    private Task<VisitorConnection> VisitorAsync(string tenant, string visitorId) =>
        VisitorConnection.ConnectAsync(Grid.HttpPort, TestKeys.WidgetKeyFor(tenant), visitorId, Origin);

    [Fact]
    public async Task The_chat_page_widget_gets_the_bots_answer_live_a_retry_is_stored_once_and_history_comes_back_on_reconnect()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Grid.HttpPort}") };
        var config = await http.GetFromJsonAsync<ChatPageConfig>("/chat/config");
        Assert.Equal(("demo", "/hubs/chat"), (config!.Tenant, config.HubPath));
        await using (var demo = Grid.Integrator(Grid.DemoApiKey()))
        {
            await demo.BotReadyAsync(); // the demo bot, which the host builds as it starts
        }

        var visitorId = VisitorConnection.NewVisitorId();
        var pageOrigin = $"http://127.0.0.1:{Grid.HttpPort}";

        await using (var visitor = await VisitorConnection.ConnectAsync(Grid.HttpPort, config.WidgetKey, visitorId, pageOrigin))
        {
            var first = await visitor.StartAsync();
            Assert.Equal((null, 0), (first.ConversationId, first.Entries.Count));

            var sent = await visitor.SendAsync("m1", "bonjour, quels sont vos horaires d'ouverture svp");
            var answer = await visitor.NextAsync(e => e.Author == "bot", Wait);
            Assert.Contains("lundi au vendredi", answer.Text);
            Assert.True(answer.Seq > sent.Seq);

            // The same clientMessageId again: the first acknowledgement, no second message and no second answer.
            var again = await visitor.SendAsync("m1", "bonjour, quels sont vos horaires d'ouverture svp");
            Assert.Equal((sent.ConversationId, sent.Seq), (again.ConversationId, again.Seq));
            var conflict = await Assert.ThrowsAsync<HubException>(() => visitor.SendAsync("m1", "autre chose"));
            Assert.Contains("conflict: ", conflict.Message);
            var invalid = await Assert.ThrowsAsync<HubException>(() => visitor.SendAsync("m2", "   "));
            Assert.Contains("invalid: text is empty", invalid.Message);
            var badId = await Assert.ThrowsAsync<HubException>(() => visitor.SendAsync("bad id!", "x"));
            Assert.Contains("invalid: clientMessageId", badId.Message);
        }

        // A new page load (a new connection) gets the conversation back from the history.
        await using var returning = await VisitorConnection.ConnectAsync(Grid.HttpPort, config.WidgetKey, visitorId, pageOrigin);
        var history = await returning.StartAsync();
        Assert.NotNull(history.ConversationId);
        Assert.Equal(["customer", "bot"], history.Entries.Select(e => e.Author));
        Assert.Equal("bonjour, quels sont vos horaires d'ouverture svp", history.Entries[0].Text);
        Assert.Contains("lundi au vendredi", history.Entries[1].Text);
        Assert.Equal(history.Entries.Select(e => e.Seq).Order(), history.Entries.Select(e => e.Seq));
    }

    [Fact]
    public async Task A_visitor_asking_for_a_person_sees_the_agent_join_and_reply_live_and_never_an_internal_note()
    {
        const string tenant = "wc-agent";
        await using var agent = await Grid.AgentAsync("wendy", tenant);
        await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
        await using var visitor = await VisitorAsync(tenant, VisitorConnection.NewVisitorId());
        await visitor.StartAsync();

        var sent = await visitor.SendAsync("a1", "Bonjour, je voudrais parler à un conseiller");
        var acknowledgement = await visitor.NextAsync(e => e.Author == "system", Wait);
        Assert.Equal(sent.ConversationId, (await agent.NextOfferAsync(Wait)).Conversation.ConversationId);
        await agent.Hub.InvokeAsync<ConversationDto>("Accept", sent.ConversationId);
        var joined = await visitor.NextAsync(e => e.Purpose == "agent-joined", Wait);
        Assert.Equal("system", joined.Author);
        Assert.Contains("wendy", joined.Text);

        // The customer typing reaches the agent.
        await visitor.Hub.InvokeAsync("Typing");
        Assert.Equal(sent.ConversationId, await agent.NextTypingAsync(Wait));

        const string note = "Note interne : client déjà relancé deux fois";
        await agent.Hub.InvokeAsync<long>("AddNote", sent.ConversationId, "n1", note);
        await agent.Hub.InvokeAsync<ReplyDto>("Reply", sent.ConversationId, "r1", "Bonjour, je regarde votre dossier.");
        var skipped = new List<ChatEntry>();
        var reply = await visitor.NextAsync(e => e.Author == "agent", Wait, skipped);
        Assert.Equal(("Bonjour, je regarde votre dossier.", "wendy"), (reply.Text, reply.DisplayName));
        Assert.DoesNotContain(skipped, e => e.Text == note);

        await agent.Hub.InvokeAsync("Resolve", sent.ConversationId, "done");
        var resolved = await visitor.NextAsync(e => e.Purpose == "resolved", Wait);
        Assert.Equal("system", resolved.Author);

        var history = await visitor.StartAsync();
        Assert.Equal(sent.ConversationId, history.ConversationId);
        Assert.DoesNotContain(history.Entries, e => e.Text == note);
        Assert.Equal(
            [("customer", null), ("system", acknowledgement.Purpose), ("system", "agent-joined"), ("agent", null), ("system", "resolved")],
            history.Entries.Select(e => (e.Author, e.Author == "agent" ? null : e.Purpose)));
    }

    [Fact]
    public async Task A_visitor_who_asks_for_a_callback_and_later_writes_by_sms_is_one_customer_in_one_conversation()
    {
        const string tenant = "wc-link";
        await using var integrator = Grid.IntegratorOf(tenant);
        await using var visitor = await VisitorAsync(tenant, VisitorConnection.NewVisitorId());
        var sent = await visitor.SendAsync("l1", "Bonjour, ma box ne marche plus");

        var callback = await visitor.Hub.InvokeAsync<ChatSent>("RequestCallback", "+33 6 12 34 56 78", null);
        Assert.Equal(sent.ConversationId, callback.ConversationId);
        var booked = await visitor.NextAsync(e => e.Purpose == "callback-scheduled", Wait);
        Assert.Equal("system", booked.Author);
        var again = await visitor.Hub.InvokeAsync<ChatSent>("RequestCallback", "+33 6 12 34 56 78", null);
        Assert.Equal(callback.Seq, again.Seq);
        var badPhone = await Assert.ThrowsAsync<HubException>(() => visitor.Hub.InvokeAsync<ChatSent>("RequestCallback", "pas un numéro", null));
        Assert.Contains("invalid: callback.phone", badPhone.Message);
        var badTime = await Assert.ThrowsAsync<HubException>(() => visitor.Hub.InvokeAsync<ChatSent>("RequestCallback", "+33612345678", "demain"));
        Assert.Contains("invalid: atIso", badTime.Message);

        // The customer proved the number is theirs: the admin links it, and an SMS joins the web chat's conversation.
        var customerId = (await integrator.GetConversationAsync(sent.ConversationId)).CustomerId;
        var phone = MessagePathTests.UniquePhone();
        await integrator.Escalation.LinkCustomerAddressAsync(new LinkCustomerAddressRequest { CustomerId = customerId, Channel = Channel.Sms, Address = phone }, integrator.Headers);
        var sms = await integrator.PostSmsAsync(phone, "wc-sms-" + Guid.NewGuid(), "Je vous écris par SMS maintenant");
        Assert.Equal((customerId, sent.ConversationId), (sms.CustomerId, sms.ConversationId));

        var history = await visitor.StartAsync();
        Assert.Contains(history.Entries, e => e.Author == "customer" && e.Text == "Je vous écris par SMS maintenant");
        Assert.Contains(history.Entries, e => e.Author == "customer" && e.Text == "Demande de rappel");
        var stored = await integrator.ListAllAsync(sent.ConversationId);
        Assert.Equal(Channel.Webchat, stored.First(e => e.Kind == EntryKind.CustomerMessage).Channel);
    }

    [Fact]
    public async Task A_visitor_sending_too_fast_is_rate_limited_and_another_visitor_is_not()
    {
        const string tenant = "wc-limits";
        await using var visitor = await VisitorAsync(tenant, VisitorConnection.NewVisitorId());
        for (var i = 0; i < 3; i++)
        {
            await visitor.SendAsync("rl" + i, "message " + i);
        }

        var limited = await Assert.ThrowsAsync<HubException>(() => visitor.SendAsync("rl3", "message 3"));
        Assert.Contains("rate_limited: too many messages from this visitor", limited.Message);

        await using var other = await VisitorAsync(tenant, VisitorConnection.NewVisitorId());
        await other.SendAsync("ok", "bonjour");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        Assert.Matches("grid_webchat_refusals_total\\{reason=\"rate_limited\"\\} [1-9]", metrics);
        Assert.Matches("grid_webchat_connections [1-9]", metrics);
    }

    [Fact]
    public async Task Unknown_keys_other_sites_missing_origins_and_malformed_visitor_ids_are_refused_and_cors_follows_the_widgets()
    {
        var key = TestKeys.WidgetKeyFor("wc-agent");
        var visitorId = VisitorConnection.NewVisitorId();
        await AssertRefused(HttpStatusCode.Forbidden, () => VisitorConnection.ConnectAsync(Grid.HttpPort, "wk_nobody_0123456789", visitorId, Origin));
        await AssertRefused(HttpStatusCode.Forbidden, () => VisitorConnection.ConnectAsync(Grid.HttpPort, key, visitorId, "https://evil.example.com"));
        await AssertRefused(HttpStatusCode.Forbidden, () => VisitorConnection.ConnectAsync(Grid.HttpPort, key, visitorId, null));
        await AssertRefused(HttpStatusCode.BadRequest, () => VisitorConnection.ConnectAsync(Grid.HttpPort, key, "v_short", Origin));
        await AssertRefused(HttpStatusCode.BadRequest, () => VisitorConnection.ConnectAsync(Grid.HttpPort, key, "visitor-" + Guid.NewGuid().ToString("N"), Origin));

        // The refusal says why, with a code.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Grid.HttpPort}") };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"/hubs/chat/negotiate?negotiateVersion=1&widget={key}&visitor={visitorId}");
        negotiate.Headers.Add("Origin", "https://evil.example.com");
        var refused = await http.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.StartsWith("forbidden: this widget is not allowed", await refused.Content.ReadAsStringAsync());

        // CORS: a widget's site may call the hub's negotiate from the browser, another site may not.
        Assert.Equal(Origin, await PreflightAsync(http, Origin, key, visitorId));
        Assert.Null(await PreflightAsync(http, "https://evil.example.com", key, visitorId));
    }

    private static async Task<string?> PreflightAsync(HttpClient http, string origin, string key, string visitorId)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/hubs/chat/negotiate?negotiateVersion=1&widget={key}&visitor={visitorId}");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await http.SendAsync(preflight);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    private static async Task AssertRefused(HttpStatusCode status, Func<Task<VisitorConnection>> connect)
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(async () => await (await connect()).DisposeAsync());
        Assert.Equal(status, error.StatusCode);
    }
}
