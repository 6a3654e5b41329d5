using Grid.Conversations.Events;
using Grid.Storage;
using Grid.Storage.InMemory;
using Grid.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Tests.Core;

/// <summary>
/// The storage ports' contract, run against the in-memory stores (used by fast unit tests) and the SQL stores on a
/// real SQLite file: both must behave alike.
/// </summary>
public sealed class StoragePortTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "grid-ports-" + Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset at = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private GroupCommitWriter? writer;
    private GridDatabase? database;
    private InMemoryTables? lastTables;

    public static TheoryData<string> Stores => new() { "memory", "sqlite" };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        database = GridDatabase.Sqlite(Path.Combine(dir, "journal.db"));
        await database.ApplyScriptAsync(SchemaInstaller.ReadScript("sqlite-grid.sql"));
        writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        await writer!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_unit_is_numbered_after_its_head_and_written_with_its_outbox_rows_waiting_list_and_thread_ids(string kind)
    {
        var (journal, outbox, waiting) = Open(kind);
        var delivery = new OutboundDelivery("mail-gw", "client@example.fr", new EmailHeaders("Re: Facture", null, "<c1@example.fr>", ["<c1@example.fr>"]));
        var result = await journal.AppendAsync(new JournalUnit("t", "cnv_a", "cus_a", 0,
        [
            new JournalRow(Wrote("e1", "<c1@example.fr>"), "in:mail-gw", "e1", "h1"),
            new JournalRow(new Escalated("billing", "no-bot-answer", 2, []) { At = at, Channel = Channel.Email }),
            new JournalRow(new CustomerNotified("Merci", "acknowledgement", delivery) { At = at, Channel = Channel.Email }),
        ], new WaitingListChange("billing", new QueueEntry("cnv_a", "cus_a", Channel.Email, 2, at, "no-bot-answer"))));

        Assert.Equal((UnitStatus.Appended, 3L), (result.Status, result.LastSeq));
        var row = Assert.Single(result.Outbound);
        Assert.Equal(("mail-gw", "cnv_a:3", 3L), (row.Integrator, row.Message.OutboundId, row.Message.Seq));
        Assert.Equal("<cnv_a.3@grid.invalid>", row.Message.Email!.MessageId);
        Assert.True(row.Message.Cursor > 0);

        var page = await journal.ReadAsync("t", "cnv_a", 0, 2);
        Assert.Equal([1L, 2L], page.Events.Select(e => e.Seq));
        Assert.True(page.HasMore);
        Assert.IsType<CustomerWrote>(page.Events[0].Event);
        Assert.Equal([3L], (await journal.ReadAsync("t", "cnv_a", page.Next, 10)).Events.Select(e => e.Seq));
        Assert.Equal(3, (await journal.ReadTimelineAsync("t", "cus_a", 0, 10)).Events.Count);

        Assert.Equal("cnv_a:3", Assert.Single(await outbox.ReadPendingAsync("t", "mail-gw", 0, 10)).OutboundId);
        Assert.Equal(1, await outbox.AckAsync("t", "mail-gw", ["cnv_a:3", "cnv_a:3", "unknown"], at));
        Assert.Empty(await outbox.ReadPendingAsync("t", "mail-gw", 0, 10));

        Assert.Equal("cnv_a", Assert.Single(await waiting.ReadAsync("t", "billing")).ConversationId);
        Assert.Equal(new ThreadHit("cnv_a", "cus_a"), await journal.FindThreadAsync("t", ["<unknown@x>", "<c1@example.fr>"]));
        Assert.Equal(new ThreadHit("cnv_a", "cus_a"), await journal.FindThreadAsync("t", ["<cnv_a.3@grid.invalid>"]));
        Assert.Null(await journal.FindThreadAsync("other", ["<c1@example.fr>"]));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_taken_key_or_sequence_rejects_the_whole_unit(string kind)
    {
        var (journal, outbox, waiting) = Open(kind);
        await journal.AppendAsync(new JournalUnit("t", "cnv_b", "cus_b", 0, [new JournalRow(Wrote("e1"), "in:gw", "e1", "h1")]));

        var duplicate = await journal.AppendAsync(new JournalUnit("t", "cnv_c", "cus_b", 0,
        [
            new JournalRow(Wrote("e1"), "in:gw", "e1", "h2"),
            new JournalRow(new CustomerNotified("x", "acknowledgement", new OutboundDelivery("gw", "+33600000001", null)) { At = at }),
        ], new WaitingListChange("default", new QueueEntry("cnv_c", "cus_b", Channel.Sms, 0, at, "x"))));
        Assert.Equal((UnitStatus.DuplicateKey, "cnv_b", 1L, "h1"), (duplicate.Status, duplicate.Original!.ConversationId, duplicate.Original.Seq, duplicate.Original.PayloadHash));

        var taken = await journal.AppendAsync(new JournalUnit("t", "cnv_b", "cus_b", 0, [new JournalRow(new Accepted("ann") { At = at })]));
        Assert.Equal(UnitStatus.SequenceTaken, taken.Status);

        // Nothing of either rejected unit was kept.
        Assert.Empty((await journal.ReadAsync("t", "cnv_c", 0, 10)).Events);
        Assert.Single((await journal.ReadAsync("t", "cnv_b", 0, 10)).Events);
        Assert.Empty(await outbox.ReadPendingAsync("t", "gw", 0, 10));
        Assert.Empty(await waiting.ReadAsync("t", "default"));
        Assert.Equal(new IdempotencyHit("cnv_b", 1, "h1"), await journal.FindAsync("t", "in:gw", "e1"));
        Assert.Null(await journal.FindAsync("t", "in:gw", "e2"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_conversation_put_back_in_its_queue_keeps_its_age_and_leaves_it_when_accepted(string kind)
    {
        var (journal, _, waiting) = Open(kind);
        await journal.AppendAsync(new JournalUnit("t", "cnv_d", "cus_d", 0, [new JournalRow(Wrote("e1"))],
            new WaitingListChange("default", new QueueEntry("cnv_d", "cus_d", Channel.Sms, 0, at, "first"))));
        await journal.AppendAsync(new JournalUnit("t", "cnv_d", "cus_d", 1, [new JournalRow(new Declined("ann", "o1") { At = at })],
            new WaitingListChange("default", new QueueEntry("cnv_d", "cus_d", Channel.Sms, 3, at.AddMinutes(5), "again"))));
        var entry = Assert.Single(await waiting.ReadAsync("t", "default"));
        Assert.Equal((at, 3), (entry.EnqueuedAt, entry.Priority));

        await journal.AppendAsync(new JournalUnit("t", "cnv_d", "cus_d", 2, [new JournalRow(new Accepted("ann") { At = at })], WaitingListChange.Remove));
        Assert.Empty(await waiting.ReadAsync("t", "default"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Live_conversations_are_listed_by_priority_then_age_filtered_paged_and_gone_once_closed(string kind)
    {
        var (journal, _, _) = Open(kind);
        var index = OpenIndex(kind);
        LiveConversation Row(string id, ConversationStatus status, string queue, string? agent, int priority, int minutes) =>
            new(id, "cus_" + id, status, "r", queue, agent, priority, Channel.Sms, "fr", at, at.AddMinutes(minutes).AddTicks(1234), null);
        var rows = new[]
        {
            Row("cnv_q1", ConversationStatus.Queued, "default", null, 0, 1),
            Row("cnv_q2", ConversationStatus.Queued, "billing", null, 5, 2),
            Row("cnv_w1", ConversationStatus.WithAgent, "default", "ann", 0, 1), // same priority and time as cnv_q1: the id decides
            Row("cnv_w2", ConversationStatus.WithAgent, "billing", "ann", 0, 0),
            Row("cnv_b1", ConversationStatus.Bot, "default", null, 0, 3),
        };
        foreach (var row in rows)
        {
            await journal.AppendAsync(new JournalUnit("t", row.ConversationId, row.CustomerId, 0, [new JournalRow(Wrote("e-" + row.ConversationId))], null,
                new ConversationIndexChange(row)));
        }

        await journal.AppendAsync(new JournalUnit("other", "cnv_x", "cus_x", 0, [new JournalRow(Wrote("e-x"))], null,
            new ConversationIndexChange(Row("cnv_x", ConversationStatus.Queued, "default", null, 9, 0))));

        var all = await index.ListLiveAsync("t", new LiveConversationQuery(null, null, null, null, 10));
        Assert.Equal(["cnv_q2", "cnv_w2", "cnv_q1", "cnv_w1", "cnv_b1"], all.Conversations.Select(c => c.ConversationId));
        Assert.Null(all.Next);
        Assert.Equal(rows[1] with { UpdatedAt = at.AddMinutes(2) }, all.Conversations[0]); // times are kept to the millisecond

        var paged = new List<string>();
        LiveCursor? after = null;
        var pages = 0;
        do
        {
            var page = await index.ListLiveAsync("t", new LiveConversationQuery(null, null, null, after, 2));
            paged.AddRange(page.Conversations.Select(c => c.ConversationId));
            after = page.Next is { } next ? LiveCursor.Parse(next.Format()) : null; // through the text clients hold
            pages++;
        }
        while (after is not null);
        Assert.Equal(all.Conversations.Select(c => c.ConversationId), paged);
        Assert.Equal(3, pages);

        Assert.Equal(["cnv_q2", "cnv_q1"], (await index.ListLiveAsync("t", new LiveConversationQuery(ConversationStatus.Queued, null, null, null, 10))).Conversations.Select(c => c.ConversationId));
        Assert.Equal(["cnv_q2", "cnv_w2"], (await index.ListLiveAsync("t", new LiveConversationQuery(null, "billing", null, null, 10))).Conversations.Select(c => c.ConversationId));
        Assert.Equal(["cnv_w2"], (await index.ListLiveAsync("t", new LiveConversationQuery(ConversationStatus.WithAgent, "billing", "ann", null, 10))).Conversations.Select(c => c.ConversationId));

        await journal.AppendAsync(new JournalUnit("t", "cnv_q2", "cus_cnv_q2", 1, [new JournalRow(new Closed("done") { At = at })], null, ConversationIndexChange.Remove));
        Assert.DoesNotContain("cnv_q2", (await index.ListLiveAsync("t", new LiveConversationQuery(null, null, null, null, 10))).Conversations.Select(c => c.ConversationId));
    }

    private IConversationIndexStore OpenIndex(string kind) =>
        kind == "memory" ? new InMemoryConversationIndexStore(lastTables!) : new SqlConversationIndexStore(database!);

    private CustomerWrote Wrote(string externalId, string? messageId = null) =>
        new("cus_a", "bonjour", externalId, "gw", "+33600000001", at, messageId is null ? null : new EmailHeaders("Facture", messageId, null, []), [],
            new Dictionary<string, string>(), "fr") { At = at, Channel = messageId is null ? Channel.Sms : Channel.Email };

    private (IConversationJournal, IOutboxStore, IWaitingListStore) Open(string kind)
    {
        if (kind == "memory")
        {
            var tables = lastTables = new InMemoryTables();
            return (new InMemoryConversationJournal(tables), new InMemoryOutboxStore(tables), new InMemoryWaitingListStore(tables));
        }

        return (new SqlConversationJournal(database!, writer!), new SqlOutboxStore(database!, writer!), new SqlWaitingListStore(database!));
    }
}
