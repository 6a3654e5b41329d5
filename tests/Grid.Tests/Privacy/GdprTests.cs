using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.Privacy;

using Channel = Grid.Protos.V1.Channel;

/// <summary>
/// GDPR over real gRPC and SignalR clients on an embedded host with real SQLite files: personal data planted through
/// every path is exported, then erased from every table of both databases (scanned with SQL) and absent from the log;
/// another customer keeps its data; the audit log records who did what without the data; scopes and tenants are kept
/// apart.
/// </summary>
public sealed partial class GdprTests(GdprHostFixture fixture) : IClassFixture<GdprHostFixture>
{
    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_customer_in_any_table_or_the_log_and_keeps_the_others()
    {
        await using var integrator = Grid.IntegratorOf("gdpr");
        var data = new PersonalData();
        await data.PlantAsync(integrator, Grid.HttpPort, Grid.Keys, "gdpr");
        var journalDb = Path.Combine(Grid.DataDir, "journal.db");
        var orleansDb = Path.Combine(Grid.DataDir, "orleans.db");

        // Planted for real: the scan finds every string before the erasure (so it can find them after).
        var before = (await DatabaseScan.SqliteAsync(journalDb, data.Needles)).Concat(await DatabaseScan.SqliteAsync(orleansDb, data.Needles)).ToList();
        Assert.All(data.Planted, p => Assert.Contains(before, hit => hit.EndsWith(": " + p, StringComparison.Ordinal)));
        Assert.Contains(before, hit => hit.StartsWith("journal.db:grid_journal.body", StringComparison.Ordinal));
        Assert.Contains(before, hit => hit.StartsWith("orleans.db:grid_grain_state.payload", StringComparison.Ordinal));
        foreach (var table in new[] { "grid_journal", "grid_outbox" })
        {
            Assert.True(await DatabaseScan.CountSqliteAsync(journalDb, table, data.ActionChoice) > 0, $"the action's answer is not in {table}");
        }

        // The export by address holds all of it, both conversations and the directory record.
        var export = await integrator.Gdpr.ExportCustomerAsync(new ExportCustomerRequest
        {
            Subject = new CustomerSubject { Channel = Channel.Sms, Address = data.Phone },
        }, integrator.Headers);
        Assert.Equal(data.CustomerId, export.CustomerId);
        Assert.All(data.Planted, p => Assert.Contains(p, export.Json, StringComparison.Ordinal));
        using (var document = System.Text.Json.JsonDocument.Parse(export.Json))
        {
            var tables = document.RootElement.GetProperty("tables");
            foreach (var table in new[] { "grid_journal", "grid_outbox", "grid_email_thread", "grid_queue_entry", "grid_directory_customer", "grid_directory_key" })
            {
                Assert.True(tables.TryGetProperty(table, out var rows) && rows.GetArrayLength() > 0, table + " missing from the export");
            }

            Assert.Equal(data.ConversationIds.Order(), document.RootElement.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversation_id").GetString()).Order());
        }

        var erased = await integrator.Gdpr.EraseCustomerAsync(new EraseCustomerRequest
        {
            Subject = new CustomerSubject { CustomerId = data.CustomerId },
            Reason = "art. 17 request 4711",
        }, integrator.Headers);
        Assert.False(erased.AlreadyErased);
        Assert.Contains(data.CustomerId, erased.CustomerIds);
        Assert.Equal(2, erased.Conversations);
        Assert.True(erased.Rows["grid_journal"] > 0 && erased.Rows["grid_directory_customer"] == 1, string.Join(", ", erased.Rows));

        var after = (await DatabaseScan.SqliteAsync(journalDb, data.Needles)).Concat(await DatabaseScan.SqliteAsync(orleansDb, data.Needles)).ToList();
        Assert.Empty(after);
        Assert.Equal(0, await DatabaseScan.CountSqliteAsync(journalDb, "grid_journal", data.ActionChoice) + await DatabaseScan.CountSqliteAsync(journalDb, "grid_outbox", data.ActionChoice));
        Assert.Empty(data.FoundIn(Grid.Process.Output));

        // The other customer is intact, and the erased one is gone for reads.
        Assert.Equal(1, await DatabaseScan.CountSqliteAsync(journalDb, "grid_journal", data.ControlText));
        Assert.Contains(data.ControlText, (await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = data.ControlCustomerId }, integrator.Headers)).ToString());
        foreach (var conversationId in data.ConversationIds)
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => integrator.GetConversationAsync(conversationId))).StatusCode);
        }

        // Erasing again is harmless; the address is unknown now.
        var again = await integrator.Gdpr.EraseCustomerAsync(new EraseCustomerRequest { Subject = new CustomerSubject { CustomerId = data.CustomerId }, Reason = "retry" }, integrator.Headers);
        Assert.True(again.AlreadyErased);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => integrator.Gdpr.EraseCustomerAsync(new EraseCustomerRequest
        {
            Subject = new CustomerSubject { Channel = Channel.Email, Address = data.Email },
            Reason = "by address",
        }, integrator.Headers).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => integrator.Gdpr.ExportCustomerAsync(new ExportCustomerRequest
        {
            Subject = new CustomerSubject { CustomerId = data.CustomerId },
        }, integrator.Headers).ResponseAsync)).StatusCode);

        // The audit log: who did what, with ids and counts, never the data.
        var log = await integrator.Gdpr.ListAuditLogAsync(new ListAuditLogRequest { Limit = 100 }, integrator.Headers);
        var erase = Assert.Single(log.Records, r => r.Action == "gdpr.erase");
        Assert.Equal(("gdpr-all", "art. 17 request 4711"), (erase.Actor, erase.Details["reason"]));
        Assert.Contains(data.CustomerId, erase.Targets);
        Assert.Contains(log.Records, r => r.Action == "gdpr.export" && r.Targets.Contains(data.CustomerId));
        Assert.Contains(log.Records, r => r.Action == "grid.v1.DirectoryService/ImportDirectory" && r.Details["created"] == "1");
        Assert.Empty(data.FoundIn(log.ToString()));
        Assert.DoesNotContain(Grid.Keys.ApiKeyFor("gdpr"), log.ToString(), StringComparison.Ordinal);
        var filtered = await integrator.Gdpr.ListAuditLogAsync(new ListAuditLogRequest { Action = "gdpr.erase", Target = data.CustomerId }, integrator.Headers);
        Assert.Equal(erase.Id, Assert.Single(filtered.Records).Id);
    }

    [Fact]
    public async Task A_key_without_the_gdpr_scope_is_refused_and_another_tenant_sees_nothing()
    {
        await using var integrator = Grid.IntegratorOf("gdpr-other");
        var posted = await integrator.PostSmsAsync(EndToEnd.MessagePathTests.UniquePhone(), "other-" + Guid.NewGuid(), "bonjour");
        var subject = new CustomerSubject { CustomerId = posted.CustomerId };

        await using var adminOnly = Grid.IntegratorOf("kb-crud");
        var refused = await Assert.ThrowsAsync<RpcException>(() => adminOnly.Gdpr.ExportCustomerAsync(new ExportCustomerRequest { Subject = subject }, adminOnly.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("'gdpr'", refused.Status.Detail);

        await using var otherTenant = Grid.IntegratorOf("gdpr-retention");
        foreach (var call in new Func<Task>[]
        {
            () => otherTenant.Gdpr.ExportCustomerAsync(new ExportCustomerRequest { Subject = subject }, otherTenant.Headers).ResponseAsync,
            () => otherTenant.Gdpr.EraseCustomerAsync(new EraseCustomerRequest { Subject = subject, Reason = "cross-tenant" }, otherTenant.Headers).ResponseAsync,
        })
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        }

        Assert.NotNull(await integrator.GetConversationAsync(posted.ConversationId)); // untouched

        var noReason = await Assert.ThrowsAsync<RpcException>(() => integrator.Gdpr.EraseCustomerAsync(new EraseCustomerRequest { Subject = subject }, integrator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Contains("reason", noReason.Status.Detail);
    }
}
