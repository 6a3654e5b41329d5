using Grid.Tests.Infrastructure;
using Grid.Triage;

namespace Grid.Tests.Triage;

/// <summary>
/// One model trained on the demo history (two fast trainers compared, so the class stays well under a minute on two
/// cores) and measured once on the evaluation file, and one embedded host with the triage tests' integrators: tenant
/// "triage" (read and admin, and an ingest-only key), tenant "triage-none" (read; never given a model).
/// </summary>
public sealed class TriageFixture : IAsyncLifetime
{
    public static readonly IReadOnlyList<string> Trainers = ["lbfgs-maxent", "ova-linear-svm"];

    internal TriageTrainingResult Result { get; private set; } = null!;

    public EmbeddedGrid Grid { get; } = new();

    public string Key(string name) => Grid.Keys.ApiKeyFor("triage:" + name);

    /// <summary>Stops the host and starts it again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await Grid.KillAsync();
        await Grid.StartAsync(Environment());
    }

    public async Task InitializeAsync()
    {
        var start = Grid.StartAsync(Environment());
        var train = TriageCsv.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPathsOf.Data, "triage-train.csv")));
        var eval = TriageCsv.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPathsOf.Data, "triage-eval.csv")));
        Result = await Task.Run(() => new TriageTrainer().Train(train, eval, "triage-eval.csv", Trainers));
        await start;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["Grid__Integrators__triage-all__Tenant"] = "triage",
        ["Grid__Integrators__triage-all__ApiKey"] = Key("all"),
        ["Grid__Integrators__triage-all__Scopes__0"] = "ingest",
        ["Grid__Integrators__triage-all__Scopes__1"] = "admin",
        ["Grid__Integrators__triage-all__Scopes__2"] = "outbound",
        ["Grid__Integrators__triage-read__Tenant"] = "triage",
        ["Grid__Integrators__triage-read__ApiKey"] = Key("read"),
        ["Grid__Integrators__triage-read__Scopes__0"] = "read",
        ["Grid__Integrators__triage-ingest__Tenant"] = "triage",
        ["Grid__Integrators__triage-ingest__ApiKey"] = Key("ingest"),
        ["Grid__Integrators__triage-ingest__Scopes__0"] = "ingest",
        ["Grid__Integrators__triage-none__Tenant"] = "triage-none",
        ["Grid__Integrators__triage-none__ApiKey"] = Key("none"),
        ["Grid__Integrators__triage-none__Scopes__0"] = "read",
    };

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TriageCollection : ICollectionFixture<TriageFixture>
{
    public const string Name = "triage";
}
