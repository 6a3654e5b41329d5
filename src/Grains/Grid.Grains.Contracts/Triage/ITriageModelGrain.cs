namespace Grid.Triage;

/// <summary>
/// A tenant's category model (key: the tenant): the serialised ML.NET model, its categories, metrics and a version
/// incremented by every stored model. Silos load a new version when they see it (<see cref="GetVersionAsync"/>), without
/// restarting. Refusals are <see cref="TriageRuleException"/>s.
/// </summary>
[Alias("grid.ITriageModelGrain")]
public interface ITriageModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores a model as the next version, once checked that it loads, predicts and names the categories given; answers
    /// the new version once written. A refused model changes nothing: the previous one stays in use.
    /// </summary>
    [Alias("StoreAsync")]
    Task<long> StoreAsync(TriageModelUpload upload);

    /// <summary>Stores <paramref name="upload"/> only when no model was ever stored (version 0). True when stored.</summary>
    [Alias("SeedAsync")]
    Task<bool> SeedAsync(TriageModelUpload upload);

    /// <summary>The version (0: no model): cheap, for a silo to tell whether its model is current.</summary>
    [Alias("GetVersionAsync"), ReadOnly]
    Task<long> GetVersionAsync();

    /// <summary>What the stored model is, without its bytes.</summary>
    [Alias("GetInfoAsync"), ReadOnly]
    Task<TriageModelInfo> GetInfoAsync();

    /// <summary>The stored model's bytes and info, or null when none is stored.</summary>
    [Alias("GetModelAsync"), ReadOnly]
    Task<TriageStoredModel?> GetModelAsync();
}

/// <summary>
/// Classifies a message with the tenant's category model on the local silo, with no side effect (key: the tenant; a
/// stateless worker). Refused with <see cref="TriageErrorCodes.NoModel"/> when the tenant has no model.
/// </summary>
[Alias("grid.ITriageClassifierGrain")]
public interface ITriageClassifierGrain : IGrainWithStringKey
{
    /// <summary>The category of <paramref name="request"/> with its probability, the alternatives, sentiment and language.</summary>
    [Alias("ClassifyAsync")]
    Task<TriageClassification> ClassifyAsync(TriageRequest request);
}
