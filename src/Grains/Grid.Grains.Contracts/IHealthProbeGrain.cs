namespace Grid;

/// <summary>
/// Readiness (key: one per edge process): each call writes this grain's state through the Orleans storage provider and
/// writes and reads a row of the journal's database, so a database that is down, out of connections or on a full disk
/// fails it. Throws on any failure.
/// </summary>
[Alias("grid.IHealthProbeGrain")]
public interface IHealthProbeGrain : IGrainWithStringKey
{
    [Alias("ProbeAsync")]
    Task ProbeAsync();
}
