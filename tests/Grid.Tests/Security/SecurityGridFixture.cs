using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.Reflection;
using Grid.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Grid.Tests.Security;

/// <summary>
/// One embedded host for the security tests, with the test hosts' raised rate limits (see <see cref="TestKeys"/>) so
/// that no answer is a rate limit's, and integrators of two tenants of its own: "sec-a" (the attacker's) with a key per
/// scope and one with every scope, "sec-b" (the victim's) and "sec-roles" with every scope.
/// </summary>
public sealed class SecurityGridFixture : IAsyncLifetime
{
    public const string TenantA = "sec-a";
    public const string TenantB = "sec-b";

    /// <summary>The role tests' tenant: their calls change conversations and presence, which must not reach other tests' agents.</summary>
    public const string TenantRoles = "sec-roles";

    /// <summary>The scopes of the single-scope keys of tenant A ("sec-a-{scope}").</summary>
    public static readonly string[] Scopes = ["ingest", "outbound", "read", "admin", "gdpr", "proactive"];

    public EmbeddedGrid Grid { get; } = new();

    public TestKeys Keys => Grid.Keys;

    /// <summary>The key of integrator <paramref name="name"/> ("sec-a-read", "sec-a-all", "sec-b-all"…).</summary>
    public string KeyOf(string name) => Keys.ApiKeyFor(name);

    public IntegratorClient Integrator(string name) => new(Grid.GrpcPort, KeyOf(name));

    private readonly SemaphoreSlim seeding = new(1, 1);
    private List<(string ConversationId, string CustomerId)>? victims;

    /// <summary>
    /// 1,000 conversations of tenant B (one customer each, posted once for the collection): the ids its neighbours probe.
    /// </summary>
    public async Task<IReadOnlyList<(string ConversationId, string CustomerId)>> VictimsAsync()
    {
        await seeding.WaitAsync();
        try
        {
            if (victims is null)
            {
                await using var b = Integrator($"{TenantB}-all");
                var posted = new (string, string)[1000];
                await Parallel.ForEachAsync(Enumerable.Range(0, posted.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                {
                    var response = await b.PostSmsAsync($"+3375{i:D7}", $"victim-{i}", "Bonjour, ma commande n'est pas arrivée");
                    posted[i] = (response.ConversationId, response.CustomerId);
                });
                victims = [.. posted];
            }

            return victims;
        }
        finally
        {
            seeding.Release();
        }
    }

    public Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>();
        foreach (var scope in Scopes)
        {
            Configure(environment, $"{TenantA}-{scope}", TenantA, scope);
        }

        Configure(environment, $"{TenantA}-all", TenantA, Scopes);
        Configure(environment, $"{TenantB}-all", TenantB, Scopes);
        Configure(environment, $"{TenantRoles}-all", TenantRoles, Scopes);
        return Grid.StartAsync(environment);
    }

    public async Task DisposeAsync() => await Grid.DisposeAsync();

    /// <summary>
    /// A digest of every row of every table of the host's two SQLite databases (the journal's and Orleans' grain
    /// storage), with each table's row count: any row written, changed or deleted changes it. The readiness probe's own
    /// rows (<c>grid_health</c> and the probe grain's state, named "health") are left out: every GET /readyz writes them by design,
    /// whoever asks (a load balancer, another test process's host that once had this port), not a refused call.
    /// </summary>
    public async Task<SortedDictionary<string, string>> StoredAsync()
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "journal.db", "orleans.db" })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(Grid.DataDir, file)};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            var names = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grid_health' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = name == "grid_grain_state"
                    ? "SELECT * FROM grid_grain_state WHERE grain_type <> 'health' ORDER BY rowid"
                    : $"SELECT * FROM \"{name}\" ORDER BY rowid";
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var rows = 0;
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? "\0null" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                        hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                    }
                }

                tables[$"{file}/{name}"] = $"{rows} rows, {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
            }
        }

        return tables;
    }

    /// <summary>Every gRPC service of Grid's contract (the generated service classes of the protos assembly).</summary>
    public static IReadOnlyList<ServiceDescriptor> Services() =>
    [
        .. typeof(Protos.V1.ReadService).Assembly.GetTypes()
            .Select(t => t.IsAbstract && t.IsSealed ? t.GetProperty("Descriptor")?.GetValue(null) as ServiceDescriptor : null)
            .OfType<ServiceDescriptor>()
            .OrderBy(s => s.FullName, StringComparer.Ordinal),
    ];

    private void Configure(Dictionary<string, string> environment, string name, string tenant, params string[] scopes)
    {
        environment[$"Grid__Integrators__{name}__Tenant"] = tenant;
        environment[$"Grid__Integrators__{name}__ApiKey"] = KeyOf(name);
        for (var i = 0; i < scopes.Length; i++)
        {
            environment[$"Grid__Integrators__{name}__Scopes__{i}"] = scopes[i];
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityGridFixture>
{
    public const string Name = "security";
}
