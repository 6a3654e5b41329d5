using Microsoft.AspNetCore.SignalR.Client;
using Google.Protobuf;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.SignalR;

namespace Grid.Tests.EndToEnd;

using Attachment = Grid.Protos.V1.Attachment;
using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EmailHeaders = Grid.Protos.V1.EmailHeaders;

/// <summary>
/// Bad input gets the right status and a message saying what to fix; nothing is stored. The tests post in a tenant of
/// their own ("bad-input"), so that what "nothing is stored" compares is not moved by the timers and pipelines of the
/// shared host's other tests (an escalation, a status notice or a bot reply landing in another tenant meanwhile).
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class BadInputTests(EmbeddedGridFixture fixture)
{
    private const string Tenant = "bad-input";

    private EmbeddedGrid Grid => fixture.Grid;

    private IntegratorClient Integrator() => Grid.IntegratorOf(Tenant);

    public static TheoryData<string, PostInboundRequest, string> InvalidMessages()
    {
        var phone = MessagePathTests.UniquePhone();
        return new TheoryData<string, PostInboundRequest, string>
        {
            { "missing sender", new PostInboundRequest { Channel = Channel.Sms, ExternalId = "b1", Text = "hi" }, "sender is required" },
            { "missing external id", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, Text = "hi" }, "external_id is required" },
            { "unknown channel", new PostInboundRequest { Channel = (Channel)42, Sender = phone, ExternalId = "b3", Text = "hi" }, "channel is required" },
            { "unspecified channel", new PostInboundRequest { Sender = phone, ExternalId = "b4", Text = "hi" }, "channel is required" },
            { "empty text", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b5", Text = "   " }, "text is empty" },
            { "oversize text", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b6", Text = new string('x', 32_001) }, "the limit is 32000" },
            { "not a phone number", new PostInboundRequest { Channel = Channel.Sms, Sender = "call me maybe", ExternalId = "b7", Text = "hi" }, "phone number" },
            { "not an email", new PostInboundRequest { Channel = Channel.Email, Sender = "nobody", ExternalId = "b8", Text = "hi" }, "email address" },
            { "email headers on sms", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b9", Text = "hi", Email = new EmailHeaders { Subject = "x" } }, "only for channel CHANNEL_EMAIL" },
            { "relative attachment uri", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b10", Text = "hi", Attachments = { new Attachment { Uri = "photo.jpg", MediaType = "image/jpeg" } } }, "absolute uri" },
            { "rooted attachment path", WithAttachment(phone, "b11", "/files/x.jpg"), "attachments[0].uri is not an absolute uri" },
            { "javascript attachment uri", WithAttachment(phone, "b12", "javascript:alert(1)"), "attachments[0].uri has scheme 'javascript': attachment uris must use scheme https" },
            { "data attachment uri", WithAttachment(phone, "b13", "data:image/png;base64,iVBORw0KGgo="), "has scheme 'data': attachment uris must use scheme https" },
            { "http attachment uri", WithAttachment(phone, "b14", "http://files.example.com/x.jpg"), "has scheme 'http': attachment uris must use scheme https" },
            { "control character in text", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b15", Text = "hello\u0000world" }, "text contains a control character (U+0000) at position 5; remove it" },
            { "escape sequence in text", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b16", Text = "\u001b[2Jhi" }, "text contains a control character (U+001B) at position 0" },
            { "control character in external id", new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "b17\u0007", Text = "hi" }, "external_id contains a control character (U+0007) at position 3" },
        };
    }

    private static PostInboundRequest WithAttachment(string phone, string externalId, string uri) => new()
    {
        Channel = Channel.Sms,
        Sender = phone,
        ExternalId = externalId,
        Text = "see attached",
        Attachments = { new Attachment { Uri = uri, MediaType = "image/jpeg", SizeBytes = 10 } },
    };

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public async Task Invalid_messages_are_refused_and_nothing_is_stored(string why, PostInboundRequest request, string expected)
    {
        await using var integrator = Integrator();
        var mark = await Grid.MarkRowsAsync(Tenant);
        var error = await Assert.ThrowsAsync<RpcException>(() => integrator.PostAsync(request));
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{why}: {error.Status}");
        Assert.Contains(expected, error.Status.Detail);
        Assert.Empty(await Grid.RowsSinceAsync(mark, Tenant));
    }

    [Fact]
    public async Task Invalid_utf8_on_the_wire_is_invalid_argument_naming_the_field()
    {
        await using var integrator = Integrator();
        var mark = await Grid.MarkRowsAsync(Tenant);

        var error = await Assert.ThrowsAsync<RpcException>(() => PostRawAsync(integrator, InvalidUtf8Text()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("text is not valid UTF-8", error.Status.Detail);
        Assert.Empty(await Grid.RowsSinceAsync(mark, Tenant));
    }

    /// <summary>What a client with a broken encoder sends: the text field holds "hi" followed by bytes that are not UTF-8.</summary>
    private static byte[] InvalidUtf8Text()
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteEnum((int)Channel.Sms);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(MessagePathTests.UniquePhone());
        output.WriteTag(3, WireFormat.WireType.LengthDelimited);
        output.WriteString("utf8-" + Guid.NewGuid());
        output.WriteTag(5, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom((byte)'h', (byte)'i', 0xC3, 0x28));
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>Sends bytes as a PostInbound request, unchecked by any client-side serializer.</summary>
    private static Task<byte[]> PostRawAsync(IntegratorClient integrator, byte[] request)
    {
        var raw = new Marshaller<byte[]>(bytes => bytes, bytes => bytes);
        var method = new Method<byte[], byte[]>(MethodType.Unary, IngestService.Descriptor.FullName, "PostInbound", raw, raw);
        return integrator.Channel.CreateCallInvoker()
            .AsyncUnaryCall(method, null, new CallOptions(integrator.Headers, DateTime.UtcNow.AddSeconds(30)), request).ResponseAsync;
    }

    [Fact]
    public async Task Refused_requests_are_not_logged_as_exceptions()
    {
        await using var integrator = Grid.Integrator();
        var logged = Grid.Process.Output.Length;
        var phone = MessagePathTests.UniquePhone();
        var externalId = "logs-" + Guid.NewGuid();
        await integrator.PostSmsAsync(phone, externalId, "first");

        await Assert.ThrowsAsync<RpcException>(() => integrator.PostSmsAsync(phone, externalId, "not the same text"));
        await Assert.ThrowsAsync<RpcException>(() => integrator.PostSmsAsync(phone, "logs-bad", "bell\u0007"));
        await Assert.ThrowsAsync<RpcException>(() => integrator.PostAsync(new PostInboundRequest { Channel = Channel.Sms, Sender = phone, ExternalId = "logs-big", Text = new string('x', 2 * 1024 * 1024) }));
        await Assert.ThrowsAsync<RpcException>(() => PostRawAsync(integrator, InvalidUtf8Text()));
        await Assert.ThrowsAsync<RpcException>(() => integrator.GetConversationAsync("cnv_doesnotexist"));
        await using (var stranger = Grid.Integrator("not-a-key"))
        {
            await Assert.ThrowsAsync<RpcException>(() => stranger.PostSmsAsync(phone, "logs-key", "hi"));
        }

        await using (var agent = await Grid.AgentAsync("logs-" + Guid.NewGuid().ToString("N")[..8]))
        {
            await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<object>("SetPresence", "Sleeping"));
        }

        await Assert.ThrowsAnyAsync<Exception>(() => AgentConnection.ConnectAsync(Grid.HttpPort, Grid.Keys.Token(Grid.Keys.Tenant, "eve", Convert.ToBase64String(new byte[32]))));

        await Task.Delay(500); // the console logger writes from its own thread
        var output = Grid.Process.Output[logged..];
        foreach (var sign in new[] { "Exception", "   at ", "fail:", "not the same text", "bell" })
        {
            Assert.False(output.Contains(sign, StringComparison.Ordinal), $"The host logged '{sign}':\n{output}");
        }

        // What is logged of refusals (at Information or, for API keys, Warning, with the client's address and at most once
        // per address per 10 s, so other tests of this shared host may have used the window) is checked on a host of
        // its own by RefusalTests.
    }

    [Fact]
    public async Task Every_grid_service_is_still_listed_by_server_reflection()
    {
        await using var integrator = Grid.Integrator();
        using var call = new ServerReflection.ServerReflectionClient(integrator.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("grid.v1.IngestService", services);
        Assert.Contains("grid.v1.OutboundService", services);
        Assert.Contains("grid.v1.ReadService", services);
        Assert.Contains("grid.v1.KnowledgeService", services);
    }

    [Fact]
    public async Task A_message_above_the_grpc_size_limit_is_resource_exhausted()
    {
        await using var integrator = Integrator();
        var mark = await Grid.MarkRowsAsync(Tenant);
        var request = new PostInboundRequest { Channel = Channel.Email, Sender = "big@example.com", ExternalId = "huge", Text = "hi" };
        request.Metadata.Add("blob", new string('x', 2 * 1024 * 1024));
        var error = await Assert.ThrowsAsync<RpcException>(() => integrator.PostAsync(request));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Empty(await Grid.RowsSinceAsync(mark, Tenant));
    }

    [Theory]
    [InlineData(null, "Missing API key")]
    [InlineData("not-a-key", "Unknown API key")]
    public async Task Missing_or_wrong_api_keys_are_unauthenticated(string? apiKey, string expected)
    {
        await using var integrator = Grid.Integrator(apiKey);
        var externalId = "unauth-" + Guid.NewGuid();
        var mark = await Grid.MarkRowsAsync(Tenant);
        var error = await Assert.ThrowsAsync<RpcException>(() => integrator.PostSmsAsync(MessagePathTests.UniquePhone(), externalId, "hello"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail);
        var read = await Assert.ThrowsAsync<RpcException>(() => integrator.GetConversationAsync("cnv_x"));
        Assert.Equal(StatusCode.Unauthenticated, read.StatusCode);

        // A caller without a tenant can write to none: no tenant's rows hold its message (other tests' rows may land meanwhile).
        Assert.DoesNotContain(await Grid.RowsSinceAsync(mark), row => row.Contains(externalId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_tenants_conversation_answers_like_one_that_does_not_exist()
    {
        await using var integrator = Integrator();
        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "iso-" + Guid.NewGuid(), "private matter");

        // The other tenant's integrator (its key configured by hash) cannot read it.
        await using var other = Grid.Integrator(Grid.Keys.OtherApiKey);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => other.GetConversationAsync(posted.ConversationId));
        var missing = await Assert.ThrowsAsync<RpcException>(() => other.GetConversationAsync("cnv_doesnotexist"));
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(missing.StatusCode, foreign.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("cnv_doesnotexist", "ID"), foreign.Status.Detail.Replace(posted.ConversationId, "ID"));
        var timeline = await Assert.ThrowsAsync<RpcException>(() => other.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = posted.CustomerId }, other.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, timeline.StatusCode);

        // An agent whose JWT is for the other tenant cannot read, accept or answer it either.
        var mark = await Grid.MarkRowsAsync(Tenant);
        await using var intruder = await Grid.AgentAsync("mallory", Grid.Keys.OtherTenant);
        foreach (var (method, args) in new (string, object?[])[]
        {
            ("GetConversation", [posted.ConversationId]),
            ("GetHistory", [posted.ConversationId, 0L, 10]),
            ("Accept", [posted.ConversationId]),
            ("Reply", [posted.ConversationId, "c1", "give me your data"]),
            ("Resolve", [posted.ConversationId, null]),
        })
        {
            var error = await Assert.ThrowsAsync<HubException>(() => intruder.Hub.InvokeCoreAsync(method, typeof(object), args));
            Assert.Contains($"Conversation '{posted.ConversationId}' not found", error.Message);
        }

        Assert.Empty(await Grid.RowsSinceAsync(mark, Tenant));
        Assert.Equal(ConversationStatus.Queued, (await integrator.GetConversationAsync(posted.ConversationId)).Status);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_cannot_connect()
    {
        var forged = Grid.Keys.Token(Grid.Keys.Tenant, "eve", Convert.ToBase64String(new byte[32]));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AgentConnection.ConnectAsync(Grid.HttpPort, forged));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Agents_get_coded_errors_for_actions_out_of_turn()
    {
        await using var integrator = Integrator();
        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "turn-" + Guid.NewGuid(), "hello");
        await using var stranger = await Grid.AgentAsync("carol-" + Guid.NewGuid().ToString("N")[..8], Tenant);
        await using var supervisor = await Grid.AgentAsync("sam-" + Guid.NewGuid().ToString("N")[..8], Tenant, role: "supervisor");
        var mark = await Grid.MarkRowsAsync(Tenant);

        // An agent with no part in the conversation cannot tell it from one that does not exist.
        await AssertHubError("not_found: Conversation", () => stranger.Hub.InvokeAsync<object>("Accept", posted.ConversationId));
        await AssertHubError("not_found: Conversation", () => stranger.Hub.InvokeAsync<object>("Reply", posted.ConversationId, "c1", "hi"));

        // A supervisor sees it, but the state allows neither an accept nor a reply.
        Assert.Equal("Queued", (await supervisor.Hub.InvokeAsync<Edge.Agents.ConversationDto>("GetConversation", posted.ConversationId)).Status);
        await AssertHubError("wrong_state: Conversation", () => supervisor.Hub.InvokeAsync<object>("Accept", posted.ConversationId));
        await AssertHubError("wrong_state: Conversation", () => supervisor.Hub.InvokeAsync<object>("Reply", posted.ConversationId, "c1", "hi"));

        // Bad arguments are "invalid".
        await AssertHubError("invalid: Unknown presence", () => stranger.Hub.InvokeAsync<object>("SetPresence", "Sleeping"));
        await AssertHubError("invalid: clientMessageId is required", () => stranger.Hub.InvokeAsync<object>("Reply", posted.ConversationId, "", "hi"));
        await AssertHubError("invalid: conversationId is required", () => stranger.Hub.InvokeAsync<object>("Accept", ""));
        Assert.Empty(await Grid.RowsSinceAsync(mark, Tenant));

        // Once an agent holds it, the supervisor's reply is "not_yours".
        await using var dave = await Grid.AgentAsync("dave-" + Guid.NewGuid().ToString("N")[..8], Tenant);
        await dave.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        while (true)
        {
            var offer = await dave.NextOfferAsync(TimeSpan.FromSeconds(20));
            if (offer.Conversation.ConversationId == posted.ConversationId)
            {
                Assert.NotNull(offer.ExpiresAt);
                break;
            }

            await dave.Hub.InvokeAsync("Decline", offer.Conversation.ConversationId);
        }

        await dave.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", posted.ConversationId);
        await dave.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Offline");
        await AssertHubError("not_yours: Conversation", () => supervisor.Hub.InvokeAsync<object>("Reply", posted.ConversationId, "c2", "hi"));
        await AssertHubError("not_yours: Conversation", () => supervisor.Hub.InvokeAsync<object>("Resolve", posted.ConversationId, null));
    }

    private static async Task AssertHubError(string expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains(expected, error.Message);
    }
}
