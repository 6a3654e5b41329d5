using Grid.Tests.Infrastructure;
using Npgsql;

namespace Grid.FaultTests.Harness;

/// <summary>
/// A cluster on loopback as the fault suite needs it: a PostgreSQL server started from the installed binaries, three
/// silo processes and two standalone edges (the real Grid.Silo and Grid.Edge.Host), each replaceable after a kill.
/// <paramref name="extra"/> settings go to every process (e.g. Orleans membership settings to compare).
/// </summary>
public sealed class FaultCluster(int silos = 3, int edges = 2, IReadOnlyDictionary<string, string>? extra = null) : IAsyncDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(90);
    private readonly List<(GridProcess Process, int Http)> siloProcesses = [];
    private readonly List<(GridProcess Process, int Http, int Grpc)> edgeProcesses = [];
    private readonly List<IntegratorClient> integrators = [];
    private Dictionary<string, string> common = [];

    public PostgresServer Postgres { get; } = new();

    public TestKeys Keys { get; } = new();

    /// <summary>One integrator client per edge (the same integrator key, tenant <see cref="TestKeys.Tenant"/>).</summary>
    public IReadOnlyList<IntegratorClient> Edges => integrators;

    public IReadOnlyList<GridProcess> Silos => siloProcesses.Select(s => s.Process).ToList();

    /// <summary>
    /// The tenant of the proactive scenarios and its integrator (every scope: directory import, incidents, the outbound
    /// stream), configured on the edges only; <see cref="Proactive"/> holds one client of it per edge.
    /// </summary>
    public const string ProactiveTenant = "fault-pro";

    public const string ProactiveIntegrator = "fault-pro-gw";

    public string ProactiveApiKey { get; } = "key-fault-pro-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<IntegratorClient> Proactive => proactive;

    private readonly List<IntegratorClient> proactive = [];

    public async Task StartAsync()
    {
        await Postgres.StartAsync();
        common = ClusterProcesses.Common(Postgres, Keys, "fault");
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            common[key] = value;
        }

        // The first silo installs the schema; the others join it together.
        siloProcesses.Add(await StartSiloAsync());
        siloProcesses.AddRange(await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => StartSiloAsync())));
        edgeProcesses.AddRange(await Task.WhenAll(Enumerable.Range(0, edges).Select(_ => StartEdgeAsync())));
        integrators.AddRange(edgeProcesses.Select(e => new IntegratorClient(e.Grpc, Keys.ApiKey)));
        proactive.AddRange(edgeProcesses.Select(e => new IntegratorClient(e.Grpc, ProactiveApiKey)));
    }

    /// <summary>SIGKILLs silo <paramref name="index"/> (no shutdown code runs).</summary>
    public Task KillSiloAsync(int index) => siloProcesses[index].Process.KillAsync();

    /// <summary>
    /// SIGKILLs silo <paramref name="index"/> and notes on <paramref name="load"/> when the survivors have declared it dead
    /// in the membership table (watched every 100 ms); the returned task ends then (or after a minute).
    /// </summary>
    public async Task<Task> KillSiloAndWatchAsync(int index, FaultLoad load)
    {
        var active = await ActiveSilosAsync();
        await KillSiloAsync(index);
        return Task.Run(async () =>
        {
            var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    if (await ActiveSilosAsync() < active)
                    {
                        load.Note($"silo {index} declared dead in the membership table");
                        return;
                    }
                }
                catch (NpgsqlException)
                {
                    // the database is being restarted by another fault: look again
                }

                await Task.Delay(100);
            }
        });
    }

    /// <summary>
    /// SIGTERMs silo <paramref name="index"/> and waits for it to exit by itself (graceful shutdown: it leaves the
    /// membership, its grains deactivated); its exit code.
    /// </summary>
    public async Task<int> TerminateSiloAsync(int index, TimeSpan timeout)
    {
        siloProcesses[index].Process.Terminate();
        return await siloProcesses[index].Process.WaitForExitAsync(timeout);
    }

    /// <summary>The silos whose output so far mentions <paramref name="text"/> (e.g. the grain that logged it), by index.</summary>
    public IReadOnlyList<int> SilosWhoseLogsMention(string text) =>
        siloProcesses.Select((s, i) => (s.Process, i)).Where(s => s.Process.Output.Contains(text, StringComparison.Ordinal)).Select(s => s.i).ToList();

    /// <summary>Starts a new silo process in place of silo <paramref name="index"/> and waits until it is ready.</summary>
    public async Task ReplaceSiloAsync(int index)
    {
        await siloProcesses[index].Process.DisposeAsync();
        siloProcesses[index] = await StartSiloAsync();
    }

    /// <summary>
    /// The suite's own connections to the database are not pooled: a pooled connection from before a PostgreSQL restart
    /// would fail its next command (57P01) in the checker.
    /// </summary>
    public string CheckerConnectionString => new NpgsqlConnectionStringBuilder(Postgres.ConnectionString()) { Pooling = false }.ConnectionString;

    /// <summary>Silos the membership table lists as active.</summary>
    public async Task<long> ActiveSilosAsync()
    {
        await using var connection = new NpgsqlConnection(CheckerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM grid_membership WHERE status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The journal rows whose idempotency key starts with <paramref name="prefix"/>, read with SQL.</summary>
    public async Task<IReadOnlyList<StoredKey>> StoredKeysAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(CheckerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT idem_key, conversation_id, seq FROM grid_journal WHERE tenant = @tenant AND idem_key LIKE @prefix", connection);
        command.Parameters.AddWithValue("tenant", Keys.Tenant);
        command.Parameters.AddWithValue("prefix", prefix + "%");
        var rows = new List<StoredKey>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    /// <summary>
    /// Writes every process's output so far to fault-logs/<paramref name="scenario"/>/ beside the test binaries (kept for
    /// reading after a run); returns the directory.
    /// </summary>
    public string SaveLogs(string scenario)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "fault-logs", scenario);
        Directory.CreateDirectory(directory);
        foreach (var (silo, i) in siloProcesses.Select((s, i) => (s.Process, i)))
        {
            File.WriteAllText(Path.Combine(directory, $"silo{i}.log"), silo.Output);
        }

        foreach (var (edge, i) in edgeProcesses.Select((e, i) => (e.Process, i)))
        {
            File.WriteAllText(Path.Combine(directory, $"edge{i}.log"), edge.Output);
        }

        return directory;
    }

    /// <summary>The last lines of every process, for a failure message.</summary>
    public string Tails() => string.Join("\n", siloProcesses.Select((s, i) => $"--- silo {i}\n{s.Process.Tail(30)}")
        .Concat(edgeProcesses.Select((e, i) => $"--- edge {i}\n{e.Process.Tail(30)}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var integrator in integrators.Concat(proactive))
        {
            await integrator.DisposeAsync();
        }

        foreach (var process in edgeProcesses.Select(e => e.Process).Concat(siloProcesses.Select(s => s.Process)))
        {
            await process.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }

    private async Task<(GridProcess, int)> StartSiloAsync()
    {
        var silo = ClusterProcesses.StartSilo(common, out var http);
        try
        {
            await silo.WaitReadyAsync(http, Ready);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return (silo, http);
    }

    private async Task<(GridProcess, int, int)> StartEdgeAsync()
    {
        var settings = new Dictionary<string, string>(common)
        {
            [$"Grid__Integrators__{ProactiveIntegrator}__Tenant"] = ProactiveTenant,
            [$"Grid__Integrators__{ProactiveIntegrator}__ApiKey"] = ProactiveApiKey,
        };
        foreach (var (scope, i) in new[] { "ingest", "outbound", "read", "admin", "proactive" }.Select((s, i) => (s, i)))
        {
            settings[$"Grid__Integrators__{ProactiveIntegrator}__Scopes__{i}"] = scope;
        }

        var edge = ClusterProcesses.StartEdge(settings, Keys, out var http, out var grpc);
        try
        {
            await edge.WaitReadyAsync(http, Ready);
        }
        catch
        {
            await edge.DisposeAsync();
            throw;
        }

        return (edge, http, grpc);
    }
}
