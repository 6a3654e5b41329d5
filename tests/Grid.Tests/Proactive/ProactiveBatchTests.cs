using System.Data.Common;
using Grid.Proactive;
using Grid.Storage;
using Grid.Storage.Sql;
using Grid.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Tests.Proactive;

/// <summary>
/// The fan-out's batches in the proactive store, on a real SQLite file and a real PostgreSQL: thousands of deliveries with
/// their pushes' outbox rows written as one unit through the group-commit writer (all or nothing), a batch redone after a crash inserting nothing twice
/// even when its plan changed meanwhile, a failover replacing the delivery with the next channel's push, and linked
/// pushes leaving the pending list with their rows naming their conversation.
/// </summary>
public sealed class ProactiveBatchTests(ProactiveBatchTests.PostgresFixture postgres) : IAsyncLifetime, IClassFixture<ProactiveBatchTests.PostgresFixture>
{
    private const string Incident = "inc_0123456789abcdef01234567";
    private readonly string tenant = "batch-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string dir = Path.Combine(Path.GetTempPath(), "grid-batch-" + Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset at = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private GridDatabase? sqlite;
    private GroupCommitWriter? sqliteWriter;

    /// <summary>One PostgreSQL server (with the schema) for the class; each test writes under a tenant of its own.</summary>
    public sealed class PostgresFixture : IAsyncLifetime
    {
        private readonly PostgresServer server = new();

        public GridDatabase? Database { get; private set; }

        public GroupCommitWriter? Writer { get; private set; }

        public async Task InitializeAsync()
        {
            await server.StartAsync();
            Database = GridDatabase.Postgres(server.ConnectionString());
            await Database.ApplyScriptAsync(SchemaInstaller.ReadScript("postgres-grid.sql"));
            Writer = new GroupCommitWriter(Database, NullLogger<GroupCommitWriter>.Instance);
        }

        public async Task DisposeAsync()
        {
            await Writer!.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await server.DisposeAsync();
        }
    }

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        sqlite = GridDatabase.Sqlite(Path.Combine(dir, "journal.db"));
        await sqlite.ApplyScriptAsync(SchemaInstaller.ReadScript("sqlite-grid.sql"));
        sqliteWriter = new GroupCommitWriter(sqlite, NullLogger<GroupCommitWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        await sqliteWriter!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_of_thousands_is_written_as_one_unit_with_its_outbox_rows_and_pending_links(string kind)
    {
        var (store, database) = Open(kind);
        var batch = Enumerable.Range(0, 3000).Select(i => i % 6 == 0 ? Skipped(1, Id(i)) : Send(1, Id(i), Channel.Sms)).ToList();

        var inserted = await store.WriteBatchAsync(tenant, Incident, batch, replace: false, at);

        Assert.Equal(2500, inserted.Count);
        Assert.Equal(inserted.Count, inserted.Select(r => r.Message.Cursor).Distinct().Count());
        Assert.All(inserted, r => Assert.True(r.Message.Cursor > 0));
        Assert.Equal((2500L, 3000L, 2500L), await CountsAsync(database));
        var pending = await store.PendingLinksAsync(tenant, Incident, 10_000);
        Assert.Equal(2500, pending.Count);
        Assert.Equal(PushOutboundIds.Format(Incident, 1, Channel.Sms, Id(1)), pending[0].Row.Message.OutboundId);
        Assert.Equal(("opened", "sms-gw", "+33600000001"), (pending[0].MessageKind, pending[0].Row.Integrator, pending[0].Row.Message.ToAddress));

        // A batch failing on its last row (a state the table refuses) leaves none of its rows.
        var failing = Enumerable.Range(3000, 1999).Select(i => Send(1, Id(i), Channel.Sms)).Append(Send(1, Id(4999), Channel.Sms) with
        {
            Delivery = Send(1, Id(4999), Channel.Sms).Delivery with { State = null! },
        }).ToList();
        await Assert.ThrowsAnyAsync<DbException>(() => store.WriteBatchAsync(tenant, Incident, failing, replace: false, at));
        Assert.Equal((2500L, 3000L, 2500L), await CountsAsync(database));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_redone_after_a_crash_inserts_nothing_twice_even_when_its_plan_changed(string kind)
    {
        var (store, database) = Open(kind);
        var first = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? Send(1, Id(i), Channel.Sms) : Deferred(1, Id(i))).ToList();
        Assert.Equal(1000, (await store.WriteBatchAsync(tenant, Incident, first, replace: false, at)).Count);
        await store.AdvanceAsync(tenant, Incident, 1, Id(0), PushOutboundIds.Format(Incident, 1, Channel.Sms, Id(0)), DeliveryStates.Delivered, [DeliveryStates.Queued], at);

        // The same batch again (the cursor was not written before the crash), the same plan: nothing new.
        Assert.Empty(await store.WriteBatchAsync(tenant, Incident, first, replace: false, at.AddSeconds(5)));
        // Redone later with another plan (quiet hours over: everyone sent, by email): still nothing new, nothing replaced.
        var replanned = Enumerable.Range(0, 2000).Select(i => Send(1, Id(i), Channel.Email)).ToList();
        Assert.Empty(await store.WriteBatchAsync(tenant, Incident, replanned, replace: false, at.AddHours(8)));
        Assert.Equal((1000L, 2000L, 1000L), await CountsAsync(database));
        Assert.Equal(DeliveryStates.Delivered, (await store.GetDeliveryAsync(tenant, Incident, 1, Id(0)))!.State);
        Assert.Equal(DeliveryStates.Deferred, (await store.GetDeliveryAsync(tenant, Incident, 1, Id(1)))!.State);

        // A failover replaces the delivery and writes the next channel's push; a repeat of it writes nothing more.
        var fallback = Send(1, Id(2), Channel.Email, tried: [Channel.Sms]);
        Assert.Equal(PushOutboundIds.Format(Incident, 1, Channel.Email, Id(2)), Assert.Single(await store.WriteBatchAsync(tenant, Incident, [fallback], replace: true, at)).Message.OutboundId);
        Assert.Empty(await store.WriteBatchAsync(tenant, Incident, [fallback], replace: true, at));
        Assert.Equal((1001L, 2000L, 1001L), await CountsAsync(database));
        Assert.Equal(new[] { Channel.Sms, Channel.Email }, (await store.GetDeliveryAsync(tenant, Incident, 1, Id(2)))!.Tried);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Linked_pushes_leave_the_pending_list_and_their_outbox_rows_name_the_conversation(string kind)
    {
        var (store, database) = Open(kind);
        Assert.False(await store.HasPendingLinksAsync(tenant));
        await store.WriteBatchAsync(tenant, Incident, [Send(1, Id(1), Channel.Sms), Send(1, Id(2), Channel.Sms), Send(2, Id(1), Channel.Sms)], replace: false, at);
        Assert.True(await store.HasPendingLinksAsync(tenant));
        Assert.False(await store.HasPendingLinksAsync("other"));
        Assert.Equal(new[] { 1, 2 }, (await store.PendingLinksOfAsync(tenant, Id(1))).Select(l => l.MessageNo));

        var push = PushOutboundIds.Format(Incident, 1, Channel.Sms, Id(1));
        await store.LinkedAsync(tenant, [new LinkedPush(push, "cnv_linked", 7)]);

        Assert.Equal(new[] { 2 }, (await store.PendingLinksOfAsync(tenant, Id(1))).Select(l => l.MessageNo));
        Assert.Equal(2, (await store.PendingLinksAsync(tenant, Incident, 10)).Count);
        await using var connection = await database.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT conversation_id, seq FROM grid_outbox WHERE outbound_id = '{push}'";
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("cnv_linked", 7L), (reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
    }

    private (SqlProactiveStore Store, GridDatabase Database) Open(string kind)
    {
        var (database, writer) = kind == "sqlite" ? (sqlite!, sqliteWriter!) : (postgres.Database!, postgres.Writer!);
        return (new SqlProactiveStore(database, writer), database);
    }

    private static string Id(int i) => "B-" + i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);

    private PlannedDelivery Send(int messageNo, string customerId, Channel channel, IReadOnlyList<Channel>? tried = null)
    {
        var outboundId = PushOutboundIds.Format(Incident, messageNo, channel, customerId);
        var address = channel == Channel.Email ? customerId + "@example.fr" : "+336" + customerId[2..].PadLeft(8, '0');
        var message = new OutboundMessage(0, outboundId, "", 0, channel, address, "Elevator B is down.", EntryKind.SystemMessage, "incident:" + Incident, at, null, customerId);
        return new PlannedDelivery(new PushDelivery(messageNo, customerId, DeliveryStates.Queued, null, channel, [.. tried ?? [], channel], outboundId, null),
            new OutboxRow(channel == Channel.Email ? "mail-gw" : "sms-gw", message), messageNo == 1 ? "opened" : "update");
    }

    private static PlannedDelivery Skipped(int messageNo, string customerId) =>
        new(new PushDelivery(messageNo, customerId, DeliveryStates.Skipped, "no-consent", Channel.Unspecified, [], null, null), null, "opened");

    private PlannedDelivery Deferred(int messageNo, string customerId) =>
        new(new PushDelivery(messageNo, customerId, DeliveryStates.Deferred, "quiet-hours", Channel.Unspecified, [], null, at.AddHours(8)), null, "opened");

    /// <summary>Rows of the tenant in the outbox, the delivery table and the pending links.</summary>
    private async Task<(long Outbox, long Deliveries, long Links)> CountsAsync(GridDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT (SELECT COUNT(*) FROM grid_outbox WHERE tenant = '{tenant}'), (SELECT COUNT(*) FROM grid_incident_delivery WHERE tenant = '{tenant}'),
                (SELECT COUNT(*) FROM grid_incident_link WHERE tenant = '{tenant}')
            """;
        await using var reader = await select.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
    }
}
