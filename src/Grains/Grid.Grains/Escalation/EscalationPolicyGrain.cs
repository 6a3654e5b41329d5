namespace Grid.Escalation;

/// <summary>
/// A tenant's escalation policy in one persistent state on the "grid" storage: validated as a whole before it is
/// stored, answered once written (a failed write deactivates the grain, so the next call starts from storage).
/// </summary>
internal sealed class EscalationPolicyGrain(
    [PersistentState("escalation", Hosting.GridSiloExtensions.StorageName)] IPersistentState<EscalationPolicyState> state) : Grain, IEscalationPolicyGrain
{
    public Task<VersionedEscalationPolicy> GetAsync() =>
        Task.FromResult(new VersionedEscalationPolicy(state.State.Policy ?? EscalationPolicy.Default, state.State.Version));

    public async Task<long> SetAsync(EscalationPolicy policy)
    {
        if (EscalationPolicyValidator.Check(policy) is { } problem)
        {
            throw problem;
        }

        state.State = new EscalationPolicyState { Policy = policy, Version = state.State.Version + 1 };
        await state.WriteOrDeactivateAsync(this);
        return state.State.Version;
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);
}

/// <summary>The stored policy (null until set) and its version.</summary>
[GenerateSerializer, Alias("grid.EscalationPolicyState")]
internal sealed class EscalationPolicyState
{
    [Id(0)] public EscalationPolicy? Policy { get; set; }

    [Id(1)] public long Version { get; set; }
}
