using Microsoft.AspNetCore.SignalR.Client;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;
using ChannelEventType = Grid.Protos.V1.ChannelEventType;

/// <summary>One message's whole path through the embedded host, over real gRPC and SignalR clients on loopback.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class MessagePathTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task Sms_is_offered_accepted_answered_acknowledged_and_resolved()
    {
        var sender = UniquePhone();
        await using var integrator = Grid.IntegratorOf("path");
        await using var outbound = integrator.OpenOutbound();
        await using var agent = await Grid.AgentAsync("alice", "path");
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");

        var first = await integrator.PostSmsAsync(sender, "m1-" + sender, "Bonjour, ma facture de mars est fausse");
        Assert.False(first.Duplicate);
        Assert.Equal(1, first.Seq);
        Assert.StartsWith("cnv_", first.ConversationId);

        // The customer is told, in their language, that the message arrived.
        var acknowledgement = await outbound.NextForAsync(first.ConversationId, Wait);
        Assert.Equal(EntryKind.SystemMessage, acknowledgement.Kind);
        Assert.StartsWith("Merci pour votre message", acknowledgement.Text);
        Assert.Equal(sender, acknowledgement.To);
        Assert.Equal(1, (await integrator.AckAsync(acknowledgement.OutboundId)).Acknowledged);

        var offer = await agent.NextOfferAsync(Wait);
        Assert.Equal(first.ConversationId, offer.Conversation.ConversationId);
        Assert.Contains(offer.History, e => e.Kind == "CustomerMessage" && e.Text == "Bonjour, ma facture de mars est fausse");

        var accepted = await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", first.ConversationId);
        Assert.Equal("WithAgent", accepted.Status);

        var second = await integrator.PostSmsAsync(sender, "m2-" + sender, "Le montant est double");
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.True(second.Seq > first.Seq);
        var live = await agent.NextEntryAsync(e => e.Kind == "CustomerMessage", Wait);
        Assert.Equal("Le montant est double", live.Text);
        Assert.Equal(second.Seq, live.Seq);

        // Typing is pushed live (not stored); a missed call is journaled.
        await integrator.Ingest.PostChannelEventAsync(
            new PostChannelEventRequest { Type = ChannelEventType.Typing, ExternalId = "typ-" + sender, Channel = Channel.Sms, Sender = sender },
            integrator.Headers);
        Assert.Equal(first.ConversationId, await agent.NextTypingAsync(Wait));
        var call = await integrator.Ingest.PostChannelEventAsync(
            new PostChannelEventRequest { Type = ChannelEventType.CallMissed, ExternalId = "call-" + sender, Channel = Channel.Voice, Sender = sender, Detail = "rang 30 s" },
            integrator.Headers);
        Assert.Equal(first.ConversationId, call.ConversationId);
        Assert.Equal("call", (await agent.NextEntryAsync(e => e.Kind == "Event", Wait)).EventType);

        var reply = await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", first.ConversationId, "r1", "Je corrige la facture tout de suite.");
        var replySeq = reply.Seq;
        var sent = await outbound.NextForAsync(first.ConversationId, Wait, EntryKind.AgentMessage);
        Assert.Equal("Je corrige la facture tout de suite.", sent.Text);
        Assert.Equal(Channel.Sms, sent.Channel);
        Assert.Equal(sender, sent.To);
        Assert.Equal(replySeq, sent.Seq);
        Assert.Equal($"{first.ConversationId}:{replySeq}", sent.OutboundId);
        Assert.Equal(reply.OutboundId, sent.OutboundId);

        var ack = await integrator.AckAsync(sent.OutboundId);
        Assert.Equal(1, ack.Acknowledged);
        var receipt = await integrator.Ingest.PostChannelEventAsync(
            new PostChannelEventRequest { Type = ChannelEventType.Delivered, ExternalId = "dlr-" + sent.OutboundId, OutboundId = sent.OutboundId },
            integrator.Headers);
        Assert.Equal(first.ConversationId, receipt.ConversationId);

        await agent.Hub.InvokeAsync("Resolve", first.ConversationId, "invoice corrected");
        var conversation = await integrator.GetConversationAsync(first.ConversationId);
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);

        var entries = await integrator.ListAllAsync(first.ConversationId, pageSize: 3);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(
            [
                "Bonjour, ma facture de mars est fausse", acknowledgement.Text, "alice a rejoint la conversation et prend votre demande en charge.",
                "Le montant est double", "Je corrige la facture tout de suite.",
            ],
            entries.Where(e => e.Kind is EntryKind.CustomerMessage or EntryKind.AgentMessage or (EntryKind.SystemMessage and not EntryKind.Event))
                .Where(e => e.Metadata.GetValueOrDefault("purpose") != "resolved").Select(e => e.Text));
        Assert.StartsWith("Votre demande est résolue", entries.Single(e => e.Metadata.GetValueOrDefault("purpose") == "resolved").Text);
        Assert.Contains(entries, e => e.Metadata.GetValueOrDefault("status") == "Queued");
        Assert.Contains(entries, e => e.Metadata.GetValueOrDefault("status") == "WithAgent");
        Assert.Contains(entries, e => e.Metadata.GetValueOrDefault("status") == "Resolved" && e.Reason == "invoice corrected");
        Assert.Contains(entries, e => e.EventType == "delivery" && e.Metadata["outboundId"] == sent.OutboundId);
        Assert.Contains(entries, e => e.EventType == "call" && e.Metadata["type"] == "CallMissed" && e.Reason == "rang 30 s");
        Assert.DoesNotContain(entries, e => e.ExternalId == "typ-" + sender);

        // The notices that someone joined and that it is resolved go out too: left unacknowledged on the first stream, they
        // come on a new one once the first closed (the streams of one integrator compete for messages; a closing stream
        // gives its leases back); once acknowledged, nothing is delivered again on a new stream.
        Grid.Protos.V1.OutboundMessage joined, resolvedNotice;
        await outbound.DisposeAsync();
        await using (var pending = integrator.OpenOutbound())
        {
            joined = await pending.NextForAsync(first.ConversationId, Wait, EntryKind.SystemMessage);
            resolvedNotice = await pending.NextForAsync(first.ConversationId, Wait, EntryKind.SystemMessage);
        }

        Assert.Equal(["agent-joined", "resolved"], new[] { joined, resolvedNotice }.Select(m => entries.Single(e => e.Seq == m.Seq).Metadata["purpose"]));
        Assert.Equal(2, (await integrator.AckAsync(joined.OutboundId, resolvedNotice.OutboundId)).Acknowledged);
        await using var reconnected = integrator.OpenOutbound();
        Assert.True(await reconnected.StaysQuietAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Unacknowledged_replies_are_delivered_again_after_a_reconnect()
    {
        var sender = UniquePhone();
        await using var integrator = Grid.IntegratorOf("redeliver");
        await using var agent = await Grid.AgentAsync("bob", "redeliver");
        await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
        var posted = await integrator.PostSmsAsync(sender, "x1-" + sender, "Where is my parcel?");
        var offer = await agent.NextOfferAsync(Wait);
        await agent.Hub.InvokeAsync<Edge.Agents.ConversationDto>("Accept", offer.Conversation.ConversationId);
        var seq1 = (await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", posted.ConversationId, "a", "It left the depot this morning.")).Seq;
        var seq2 = (await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", posted.ConversationId, "b", "Tracking number follows.")).Seq;

        // The English acknowledgement, the notice that bob joined and the two replies, none acknowledged: all four come
        // again on a new stream.
        string[] firstIds;
        await using (var stream = integrator.OpenOutbound())
        {
            firstIds = await ReadOwnAsync(stream, posted.ConversationId, 4);
        }

        await using var again = integrator.OpenOutbound();
        var secondIds = await ReadOwnAsync(again, posted.ConversationId, 4);
        Assert.Equal(firstIds, secondIds);
        Assert.Equal([$"{posted.ConversationId}:{seq1}", $"{posted.ConversationId}:{seq2}"], secondIds[2..]);
        Assert.Equal(4, (await integrator.AckAsync(secondIds)).Acknowledged);
        Assert.Equal(0, (await integrator.AckAsync(secondIds)).Acknowledged);

        // A retried reply with the same client message id is stored once.
        var retried = (await agent.Hub.InvokeAsync<Edge.Agents.ReplyDto>("Reply", posted.ConversationId, "a", "It left the depot this morning.")).Seq;
        Assert.Equal(seq1, retried);
    }

    [Fact]
    public async Task A_message_left_unacknowledged_is_sent_again_on_the_same_stream()
    {
        await using var integrator = Grid.IntegratorOf("resend");
        await using var stream = integrator.OpenOutbound();
        var posted = await integrator.PostSmsAsync(UniquePhone(), "rs1", "Hello, I need a copy of my invoice");
        // The acknowledgement and the customer's place in the queue go out, then come again while unacknowledged.
        var first = await stream.NextForAsync(posted.ConversationId, Wait);
        var seen = new HashSet<string> { first.OutboundId };
        var again = await stream.NextForAsync(posted.ConversationId, Wait);
        for (var i = 0; i < 6 && again.OutboundId != first.OutboundId; i++)
        {
            seen.Add(again.OutboundId);
            again = await stream.NextForAsync(posted.ConversationId, Wait);
        }

        Assert.Equal(first.OutboundId, again.OutboundId);
        Assert.Equal(2, seen.Count);
        Assert.Equal(2, (await integrator.AckAsync([.. seen])).Acknowledged);
        Assert.All(await stream.DrainAsync(TimeSpan.FromMilliseconds(500)), id => Assert.Contains(id, seen)); // copies already on the wire

        // Acknowledged: it does not come again (3 s re-delivery delay, 5 s poll).
        Assert.True(await stream.StaysQuietAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_retry_returns_the_first_answer_and_stores_nothing()
    {
        // A tenant of its own: rows that other tests' timers and pipelines add meanwhile are not this test's.
        var sender = UniquePhone();
        await using var integrator = Grid.IntegratorOf("retry");
        var first = await integrator.PostSmsAsync(sender, "dup-" + sender, "My heating is off");
        var mark = await Grid.MarkRowsAsync("retry");
        var retry = await integrator.PostSmsAsync(sender, "dup-" + sender, "My heating is off");
        Assert.True(retry.Duplicate);
        Assert.Equal(first.ConversationId, retry.ConversationId);
        Assert.Equal(first.Seq, retry.Seq);
        Assert.Equal(first.CustomerId, retry.CustomerId);
        Assert.Empty(await Grid.RowsSinceAsync(mark, "retry"));

        var conflict = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => integrator.PostSmsAsync(sender, "dup-" + sender, "Another text"));
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Contains("already used", conflict.Status.Detail);
        Assert.Empty(await Grid.RowsSinceAsync(mark, "retry"));
    }

    [Fact]
    public async Task Timeline_spans_channels_and_whatsapp_shares_the_sms_identity()
    {
        var phone = UniquePhone();
        await using var integrator = Grid.Integrator();
        var sms = await integrator.PostSmsAsync(phone, "tl1-" + phone, "SMS first");
        var whatsapp = await integrator.PostAsync(new PostInboundRequest { Channel = Channel.Whatsapp, Sender = phone, ExternalId = "tl2-" + phone, Text = "Then WhatsApp" });
        Assert.Equal(sms.CustomerId, whatsapp.CustomerId);
        Assert.Equal(sms.ConversationId, whatsapp.ConversationId);
        Assert.Equal(ConversationStatus.Queued, (await integrator.GetConversationAsync(sms.ConversationId)).Status);
        Assert.Equal(Channel.Whatsapp, (await integrator.GetConversationAsync(sms.ConversationId)).CurrentChannel);

        var timeline = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = sms.CustomerId }, integrator.Headers);
        var messages = timeline.Entries.Where(e => e.Kind == EntryKind.CustomerMessage).ToList();
        Assert.Equal(["SMS first", "Then WhatsApp"], messages.Select(m => m.Text));
        Assert.Equal([Channel.Sms, Channel.Whatsapp], messages.Select(m => m.Channel));
    }

    [Fact]
    public async Task Reads_of_unknown_ids_leave_no_conversation_counted()
    {
        using var http = new HttpClient();
        await using var reader = Grid.Integrator();
        var before = Gauge(await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics"));
        for (var i = 0; i < 10; i++)
        {
            var id = "cnv_unknown" + Guid.NewGuid().ToString("N");
            Assert.Equal(Grpc.Core.StatusCode.NotFound, (await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => reader.GetConversationAsync(id))).StatusCode);
            await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => reader.ListAllAsync(id));
        }

        Assert.Equal(before, Gauge(await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics")));

        static string Gauge(string metrics) =>
            string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("grid_conversations{", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_health_reflection_and_grpc_health_are_served()
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        await using (var poster = Grid.Integrator())
        {
            await poster.PostSmsAsync(UniquePhone(), "metrics-" + Guid.NewGuid(), "counted");
        }

        metrics = await http.GetStringAsync($"http://127.0.0.1:{Grid.HttpPort}/metrics");
        Assert.Matches("grid_inbound_messages_total\\{channel=\"sms\",outcome=\"appended\"\\} [1-9]", metrics);
        Assert.Matches("grid_ingest_latency_seconds_count\\{channel=\"sms\"\\} [1-9]", metrics);
        Assert.Contains("grid_ingest_latency_seconds", metrics);
        Assert.Contains("grid_conversations", metrics);
        Assert.Contains("grid_agents", metrics);
        Assert.Contains("grid_offers_total", metrics);
        Assert.Contains("orleans_", metrics);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{Grid.HttpPort}/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{Grid.HttpPort}/readyz")).StatusCode);

        await using var integrator = Grid.Integrator();
        var health = new Grpc.Health.V1.Health.HealthClient(integrator.Channel);
        var status = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, status.Status);

        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(integrator.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("grid.v1.IngestService", services);
        Assert.Contains("grid.v1.OutboundService", services);
        Assert.Contains("grid.v1.ReadService", services);
    }

    internal static string UniquePhone() => "+3360" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string[]> ReadOwnAsync(OutboundStream stream, string conversationId, int count)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            ids.Add((await stream.NextForAsync(conversationId, Wait)).OutboundId);
        }

        return [.. ids];
    }
}
