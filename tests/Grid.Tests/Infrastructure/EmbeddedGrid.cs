using Microsoft.Data.Sqlite;

namespace Grid.Tests.Infrastructure;

/// <summary>The embedded host (silo + edge, SQLite) as a real process on free loopback ports with its own data directory.</summary>
public sealed class EmbeddedGrid : IAsyncDisposable
{
    private GridProcess? process;

    public EmbeddedGrid(TestKeys? keys = null, string? dataDir = null)
    {
        Keys = keys ?? new TestKeys();
        DataDir = dataDir ?? Path.Combine(Path.GetTempPath(), "grid-test-" + Guid.NewGuid().ToString("N"));
    }

    public TestKeys Keys { get; }

    public string DataDir { get; }

    public int HttpPort { get; } = FreePort.Next();

    public int GrpcPort { get; } = FreePort.Next();

    public GridProcess Process => process ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = Keys.Environment();
        environment["Grid__Mode"] = "Embedded";
        environment["Grid__DataDir"] = DataDir;
        environment["Grid__Http__Port"] = HttpPort.ToString();
        environment["Grid__Grpc__Port"] = GrpcPort.ToString();
        environment["Grid__Orleans__SiloPort"] = FreePort.Next().ToString();
        environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        process = GridProcess.Start("embedded", RepoPaths.SiloDll, environment);
        await process.WaitReadyAsync(HttpPort, TimeSpan.FromSeconds(60));
    }

    public async Task KillAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }

    public IntegratorClient Integrator(string? apiKey = "") => new(GrpcPort, apiKey == "" ? Keys.ApiKey : apiKey);

    /// <summary>
    /// The integrator of an isolated tenant (see <see cref="TestKeys.IsolatedTenants"/>), or the admin of a knowledge-base
    /// test's tenant (see <see cref="TestKeys.KnowledgeTenants"/>).
    /// </summary>
    public IntegratorClient IntegratorOf(string tenant) => new(GrpcPort, Keys.ApiKeyFor(tenant));

    /// <summary>The demo-gateway key the host generated into dev-credentials.json (tenant "demo", every scope).</summary>
    public string DemoApiKey() =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, "dev-credentials.json"))).RootElement.GetProperty("demoApiKey").GetString()!;

    public Task<AgentConnection> AgentAsync(string agentId, string? tenant = null, string role = "agent") =>
        AgentConnection.ConnectAsync(HttpPort, Keys.Token(tenant ?? Keys.Tenant, agentId, role: role));

    /// <summary>
    /// Rows in the journal and outbox tables, read straight from the SQLite file once they stop changing: the pipelines
    /// of earlier tests' messages (bot replies, sentiment, escalations) append after the message is acknowledged.
    /// <paramref name="tenant"/>: that tenant's rows only (an earlier test's incident may still be linking its pushes,
    /// resting between rounds, which no quiet period can tell from done).
    /// </summary>
    public async Task<(long Journal, long Outbox)> CountRowsAsync(string? tenant = null)
    {
        var last = await ReadRowCountsAsync(tenant);
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(250);
            var next = await ReadRowCountsAsync(tenant);
            if (next == last)
            {
                return next;
            }

            last = next;
        }

        return last;
    }

    /// <summary>
    /// Where the journal and outbox end once <paramref name="tenant"/>'s rows (every tenant's when null) stop changing:
    /// what <see cref="RowsSinceAsync"/> lists the rows added after.
    /// </summary>
    public async Task<RowMark> MarkRowsAsync(string? tenant = null)
    {
        await CountRowsAsync(tenant);
        await using var connection = await OpenReadOnlyAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COALESCE(MAX(id), 0) FROM grid_journal), (SELECT COALESCE(MAX(id), 0) FROM grid_outbox)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new RowMark(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The journal and outbox rows of <paramref name="tenant"/> (every tenant's when null) added after
    /// <paramref name="mark"/>, once they stop changing, each described (table, tenant, conversation, seq, event, external
    /// id; never the customer's text) so that a failed "nothing was stored" names what was.
    /// </summary>
    public async Task<IReadOnlyList<string>> RowsSinceAsync(RowMark mark, string? tenant = null)
    {
        await CountRowsAsync(tenant);
        await using var connection = await OpenReadOnlyAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT 'journal #' || id || ' ' || tenant || ' ' || conversation_id || ' seq ' || seq || ' ' "
            + "|| COALESCE(json_extract(body, '$.event'), 'kind ' || kind) || COALESCE(' external id ' || idem_key, '') "
            + "FROM grid_journal WHERE id > $journal AND ($tenant IS NULL OR tenant = $tenant) "
            + "UNION ALL SELECT 'outbox #' || id || ' ' || tenant || ' ' || conversation_id || ' seq ' || seq || ' to ' || integrator "
            + "FROM grid_outbox WHERE id > $outbox AND ($tenant IS NULL OR tenant = $tenant)";
        command.Parameters.AddWithValue("$journal", mark.Journal);
        command.Parameters.AddWithValue("$outbox", mark.Outbox);
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<SqliteConnection> OpenReadOnlyAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "journal.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<(long Journal, long Outbox)> ReadRowCountsAsync(string? tenant)
    {
        await using var connection = await OpenReadOnlyAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM grid_journal WHERE $tenant IS NULL OR tenant = $tenant), "
            + "(SELECT COUNT(*) FROM grid_outbox WHERE $tenant IS NULL OR tenant = $tenant)";
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the dying process: the temp directory is cleaned by the OS
        }
    }
}

/// <summary>The last journal and outbox row ids at a moment of a test (see <see cref="EmbeddedGrid.MarkRowsAsync"/>).</summary>
public readonly record struct RowMark(long Journal, long Outbox);
