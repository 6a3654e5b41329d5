namespace Grid;

/// <summary>
/// A tenant's supervisors (key: the tenant): who they are, as their connections said, and alerts for all of them (a
/// missed service-level deadline). Alerts go through each supervisor's agent grain to their live connections.
/// </summary>
[Alias("grid.ISupervisorsGrain")]
public interface ISupervisorsGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="agentId"/> is a supervisor (each time one connects).</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string agentId);

    /// <summary>The supervisors known, most recently connected first.</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Pushes an alert to every supervisor's live connections (a hint: it may be lost).</summary>
    [OneWay]
    [Alias("AlertAsync")]
    Task AlertAsync(AgentEvent alert);
}
