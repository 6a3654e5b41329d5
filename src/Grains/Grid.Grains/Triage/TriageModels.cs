using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Grid.Triage;

/// <summary>Where a silo reads tenants' models: the version (cheap) and the model of the current version.</summary>
internal interface ITriageModelSource
{
    Task<long> GetVersionAsync(string tenant);

    Task<TriageStoredModel?> GetModelAsync(string tenant);
}

/// <summary>The models stored in each tenant's <see cref="ITriageModelGrain"/>.</summary>
internal sealed class GrainTriageModelSource(IGrainFactory grains) : ITriageModelSource
{
    public Task<long> GetVersionAsync(string tenant) => grains.GetGrain<ITriageModelGrain>(tenant).GetVersionAsync();

    public Task<TriageStoredModel?> GetModelAsync(string tenant) => grains.GetGrain<ITriageModelGrain>(tenant).GetModelAsync();
}

/// <summary>A loaded model and the version it came from.</summary>
internal sealed record LoadedTriageModel(long Version, TriageClassifier Classifier);

/// <summary>
/// The silo's category models, one per tenant, loaded when the stored version changes: a use asks the tenant's model
/// grain for its version at most every <see cref="CheckEvery"/> (a caller may ask for a check now), and loads the new
/// model on the thread pool. A model that fails to load is logged once and skipped: the previous one stays in use until
/// a newer version loads. A tenant without a model costs one version check per period and nothing else.
/// </summary>
internal sealed class TriageModels(ITriageModelSource source, TimeProvider clock, ILogger<TriageModels> logger)
{
    /// <summary>How long a checked version is trusted on the message path.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>
    /// The tenant's model, or null when none is stored (or none has ever loaded). <paramref name="checkNow"/>: ask for the
    /// version now rather than trusting one checked less than <see cref="CheckEvery"/> ago.
    /// </summary>
    public async Task<LoadedTriageModel?> GetAsync(string tenant, bool checkNow = false)
    {
        var now = clock.GetUtcNow();
        entries.TryGetValue(tenant, out var recent);
        if (!checkNow && recent is not null && now - recent.CheckedAt < CheckEvery)
        {
            return recent.Loaded;
        }

        var gate = gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        if (!checkNow && recent is not null && !await gate.WaitAsync(0))
        {
            return recent.Loaded; // another caller is checking or loading: the message path goes on with the model it has
        }

        if (checkNow || recent is null)
        {
            await gate.WaitAsync();
        }

        try
        {
            entries.TryGetValue(tenant, out var current);
            if (!checkNow && current is not null && now - current.CheckedAt < CheckEvery)
            {
                return current.Loaded; // another caller checked while this one waited
            }

            var version = await source.GetVersionAsync(tenant);
            var loaded = current?.Loaded;
            var failed = current?.FailedVersion ?? 0;
            if (version != 0 && version != loaded?.Version && version != failed)
            {
                (loaded, failed) = await LoadAsync(tenant, loaded, failed);
            }

            entries[tenant] = new Entry(loaded, failed, clock.GetUtcNow());
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(LoadedTriageModel? Loaded, long Failed)> LoadAsync(string tenant, LoadedTriageModel? previous, long failed)
    {
        TriageStoredModel? stored = null;
        try
        {
            stored = await source.GetModelAsync(tenant);
            if (stored is null)
            {
                return (previous, failed);
            }

            var classifier = await Task.Run(() => TriageClassifier.Load(stored.Model));
            logger.LogInformation("Triage model of tenant {Tenant} loaded: version {Version}, {Categories} categories",
                tenant, stored.Info.Version, classifier.Categories.Count);
            return (new LoadedTriageModel(stored.Info.Version, classifier), failed);
        }
        catch (Exception ex) when (ex is TriageRuleException or InvalidOperationException or IOException or FormatException)
        {
            logger.LogError(ex, "Triage model version {Version} of tenant {Tenant} failed to load; version {Previous} stays in use",
                stored?.Info.Version, tenant, previous?.Version ?? 0);
            return (previous, stored?.Info.Version ?? failed);
        }
    }

    private sealed record Entry(LoadedTriageModel? Loaded, long FailedVersion, DateTimeOffset CheckedAt);
}
