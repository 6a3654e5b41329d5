namespace Grid.Identity;

internal sealed class IdentityGrain(
    [PersistentState("identity", "grid")] IPersistentState<IdentityState> state,
    TimeProvider clock) : Grain, IIdentityGrain
{
    public async Task<string> ResolveAsync()
    {
        if (state.State.CustomerId is { } existing)
        {
            return existing;
        }

        state.State.CustomerId = "cus_" + Guid.NewGuid().ToString("N");
        state.State.CreatedAt = clock.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        return state.State.CustomerId;
    }

    public Task<string?> TryGetAsync() => Task.FromResult(state.State.CustomerId);
}
