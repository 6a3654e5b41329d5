using Grid.Proactive;
using Grid.Protos.V1;
using Grid.Storage;
using Grid.Storage.Sql;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using ChannelEventType = Grid.Protos.V1.ChannelEventType;

/// <summary>
/// A push written to the outbox and not linked yet when its customer writes in: the customer's conversation records it
/// before their message (so the deflection step and an agent see it first). The batch is written into the running
/// host's SQLite file by the store itself, for an incident no grain drives, so no linker can get there first.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ProactiveLinkTests(EmbeddedGridFixture fixture)
{
    private const string Tenant = "pro-link";

    [Fact]
    public async Task A_customer_who_writes_before_the_linker_reached_them_gets_the_push_in_the_conversation_before_their_message()
    {
        await using var client = fixture.Grid.IntegratorOf(Tenant);
        var phone = "+33698765301";
        await ImportAsync(client, [Customer("LK-1", ["block=7"], ["sms"], null, phone)]);
        var incident = IncidentIds.For("pro-link:direct");
        var outboundId = PushOutboundIds.Format(incident, 1, Grid.Channel.Sms, "LK-1");
        var push = new OutboundMessage(0, outboundId, "", 0, Grid.Channel.Sms, phone, "Water cut in block 7 until noon.", Grid.EntryKind.SystemMessage,
            "incident:" + incident, DateTimeOffset.UtcNow, null, "LK-1");
        var database = GridDatabase.Sqlite(Path.Combine(fixture.Grid.DataDir, "journal.db"));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        var store = new SqlProactiveStore(database, writer);
        var written = await store.WriteBatchAsync(Tenant, incident,
            [new PlannedDelivery(new PushDelivery(1, "LK-1", DeliveryStates.Queued, null, Grid.Channel.Sms, [Grid.Channel.Sms], outboundId, null), new OutboxRow(Tenant + "-all", push), "opened")],
            replace: false, DateTimeOffset.UtcNow);
        Assert.Single(written);

        var posted = await client.PostSmsAsync(phone, "lk-1", "Hello, no water since this morning?");

        var entries = await client.ListAllAsync(posted.ConversationId);
        var pushed = Assert.Single(entries, e => e.OutboundId == outboundId);
        var wrote = Assert.Single(entries, e => e.Seq == posted.Seq);
        Assert.True(pushed.Seq < wrote.Seq, $"the push (seq {pushed.Seq}) comes before the customer's message (seq {wrote.Seq})");
        Assert.Equal((incident, "Water cut in block 7 until noon."), (pushed.Metadata["incident"], pushed.Text));
        Assert.Empty(await store.PendingLinksOfAsync(Tenant, "LK-1"));

        // A receipt quoting a push of an incident that does not exist is refused with NOT_FOUND.
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = ChannelEventType.Delivered, ExternalId = "lk-rcpt", OutboundId = outboundId, Channel = Channel.Sms,
        }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
