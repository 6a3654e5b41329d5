namespace Grid.Proactive;

/// <summary>
/// A tenant's incidents (key: tenant): summaries written by the incident grains on each change, read for lists and by
/// silos' copies for deflection (<see cref="OpenIncidents"/>). Keeps the latest <see cref="MaxKept"/> (open ones always).
/// </summary>
internal sealed class IncidentRegistryGrain([PersistentState("incidents", "grid")] IPersistentState<IncidentRegistryState> state) : Grain, IIncidentRegistryGrain
{
    public const int MaxKept = 500;

    public async Task UpsertAsync(IncidentSummary summary)
    {
        var list = state.State.Incidents;
        var index = list.FindIndex(i => i.IncidentId == summary.IncidentId);
        if (index >= 0)
        {
            list[index] = summary;
        }
        else
        {
            list.Add(summary);
        }

        while (list.Count > MaxKept && list.Where(i => i.Status != IncidentStatuses.Open).MinBy(i => i.OpenedAt) is { } oldest)
        {
            list.Remove(oldest);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(bool openOnly) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. state.State.Incidents.Where(i => !openOnly || i.Status == IncidentStatuses.Open).OrderByDescending(i => i.OpenedAt)]);
}

[GenerateSerializer, Alias("grid.IncidentRegistryState")]
internal sealed class IncidentRegistryState
{
    [Id(0)] public List<IncidentSummary> Incidents { get; set; } = [];
}
