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

    private CustomerWrote Wrote(string externalId, string? messageId = null) =>
        new("cus_a", "bonjour", externalId, "gw", "+33600000001", at, messageId is null ? null : new EmailHeaders("Facture", messageId, null, []), [],
            new Dictionary<string, string>(), "fr") { At = at, Channel = messageId is null ? Channel.Sms : Channel.Email };

    private (IConversationJournal, IOutboxStore, IWaitingListStore) Open(string kind)
    {
        if (kind == "memory")
        {
            var tables = new InMemoryTables();
            return (new InMemoryConversationJournal(tables), new InMemoryOutboxStore(tables), new InMemoryWaitingListStore(tables));
        }

        return (new SqlConversationJournal(database!, writer!), new SqlOutboxStore(database!, writer!), new SqlWaitingListStore(database!));
    }
}
