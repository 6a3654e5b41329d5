namespace Grid.Agents;

/// <summary>
/// The tenant's supervisors, persisted (a restarted silo still alerts supervisors who connected before it), forgotten
/// after <see cref="Forget"/> without a connection. Registrations are written only when new or a day old, so
/// reconnecting supervisors do not rewrite the state each time.
/// </summary>
internal sealed class SupervisorsGrain(
    [PersistentState("supervisors", "grid")] IPersistentState<SupervisorsState> state,
    TimeProvider clock) : Grain, ISupervisorsGrain
{
    private static readonly TimeSpan Forget = TimeSpan.FromDays(30);
    private static readonly TimeSpan Refresh = TimeSpan.FromDays(1);

    private string tenant = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        tenant = this.GetPrimaryKeyString();
        return Task.CompletedTask;
    }

    public async Task RegisterAsync(string agentId)
    {
        var now = clock.GetUtcNow();
        if (state.State.Seen.TryGetValue(agentId, out var seen) && now - seen < Refresh)
        {
            return;
        }

        state.State.Seen[agentId] = now;
        foreach (var stale in state.State.Seen.Where(s => now - s.Value > Forget).Select(s => s.Key).ToList())
        {
            state.State.Seen.Remove(stale);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Seen.OrderByDescending(s => s.Value).Select(s => s.Key)]);

    public async Task AlertAsync(AgentEvent alert)
    {
        foreach (var supervisor in state.State.Seen.Keys)
        {
            await GrainFactory.GetGrain<IAgentGrain>(GridKeys.Of(tenant, supervisor)).PushAsync(alert);
        }
    }
}

[GenerateSerializer, Alias("grid.SupervisorsState")]
internal sealed class SupervisorsState
{
    /// <summary>Supervisor ids and when one of their connections last registered.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> Seen { get; set; } = new(StringComparer.Ordinal);
}
