using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Grid.Triage;

/// <summary>
/// A tenant's category model (key: the tenant), in one persistent state on the "grid" storage: the serialised model (the
/// demo tenant's is about 2 MB, 2.7 MB of base64 in the storage's JSON), its info and a version. An upload is loaded and tried (<see cref="TriageClassifier.Load"/>)
/// before anything is stored, so a model that does not load, or names other categories than its own, changes nothing.
/// </summary>
/// <remarks>
/// AdoNet storage rewrites the whole state on each write: acceptable, since writes are admin uploads (a few a day at most)
/// and the size is bounded by <see cref="TriageLimits.MaxModelBytes"/>. Silos read the bytes once per version.
/// </remarks>
internal sealed partial class TriageModelGrain(
    [PersistentState("triage-model", Hosting.GridSiloExtensions.StorageName)] IPersistentState<TriageModelState> state,
    ILogger<TriageModelGrain> logger) : Grain, ITriageModelGrain
{
    public async Task<long> StoreAsync(TriageModelUpload upload)
    {
        var size = Check(upload);
        // Plain List and Dictionary: the storage writes JSON with each collection's type, and a caller's collection-expression
        // type would not read back after a restart.
        var metrics = upload.Metrics with { PerClassF1 = new Dictionary<string, double>(upload.Metrics.PerClassF1) };
        var info = new TriageModelInfo(state.State.Info.Version + 1, new List<string>(upload.Categories), upload.Trainer, metrics, upload.TrainedAt, size,
            upload.TrainingSeconds);
        await WriteAsync(upload.Model, info);
        logger.LogInformation("Triage model of tenant {Tenant} stored as version {Version} ({Bytes} bytes, trainer {Trainer})",
            this.GetPrimaryKeyString(), info.Version, size, upload.Trainer);
        return info.Version;
    }

    public async Task<bool> SeedAsync(TriageModelUpload upload)
    {
        if (state.State.Info.Version != 0)
        {
            return false;
        }

        await StoreAsync(upload);
        return true;
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Info.Version);

    public Task<TriageModelInfo> GetInfoAsync() => Task.FromResult(state.State.Info);

    public Task<TriageStoredModel?> GetModelAsync() =>
        Task.FromResult(state.State.Info.Version == 0 ? null : new TriageStoredModel(state.State.Model, state.State.Info));

    /// <summary>Refuses an upload that breaks a limit, does not load, or whose categories are not the model's own. Returns its size.</summary>
    internal static int Check(TriageModelUpload upload)
    {
        if (upload.Model is not { Length: > 0 })
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid, "field 'model' is empty: upload the bytes of a model saved by ML.NET", "model");
        }

        if (upload.Model.Length > TriageLimits.MaxModelBytes)
        {
            throw new TriageRuleException(TriageErrorCodes.LimitReached,
                $"field 'model' holds {upload.Model.Length} bytes; the limit is {TriageLimits.MaxModelBytes}", "model");
        }

        if (upload.Categories.Count is < 2 or > TriageLimits.MaxCategories || upload.Categories.Any(c => !Slug().IsMatch(c)))
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"field 'categories' must hold 2 to {TriageLimits.MaxCategories} lowercase slugs ([a-z0-9._-], at most 64 characters)", "categories");
        }

        var loaded = TriageClassifier.Load(upload.Model);
        if (!loaded.Categories.Order(StringComparer.Ordinal).SequenceEqual(upload.Categories.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"field 'categories' ({string.Join(", ", upload.Categories)}) differs from the model's own ({string.Join(", ", loaded.Categories)})", "categories");
        }

        return upload.Model.Length;
    }

    private async Task WriteAsync(byte[] model, TriageModelInfo info)
    {
        var previous = (state.State.Model, state.State.Info);
        state.State.Model = model;
        state.State.Info = info;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Model, state.State.Info) = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Slug();
}
