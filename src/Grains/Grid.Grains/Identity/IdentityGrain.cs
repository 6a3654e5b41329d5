namespace Grid.Identity;

/// <summary>An address's customer: a few bytes, but one per address ever seen, so collected after 5 idle minutes (silos cache the answer).</summary>
[CollectionAgeLimit(Minutes = 5)]
internal sealed class IdentityGrain(
    [PersistentState("identity", "grid")] IPersistentState<IdentityState> state,
    TimeProvider clock) : Grain, IIdentityGrain
{
    public Task<string> ResolveAsync() => LinkOrCreateAsync("cus_" + Guid.NewGuid().ToString("N"));

    public Task<string?> TryGetAsync() => Task.FromResult(state.State.CustomerId);

    public Task<string> LinkAsync(string customerId) => LinkOrCreateAsync(customerId);

    public async Task<string?> MoveAsync(string fromCustomerId, string toCustomerId)
    {
        if (state.State.CustomerId == fromCustomerId)
        {
            state.State.CustomerId = toCustomerId;
            await state.WriteOrDeactivateAsync(this);
        }

        return state.State.CustomerId;
    }

    public async Task<bool> ForgetAsync(IReadOnlyList<string> customerIds)
    {
        if (state.State.CustomerId is not { } customerId || !customerIds.Contains(customerId))
        {
            DeactivateOnIdle();
            return false;
        }

        await state.ClearStateAsync(); // the row is deleted (DeleteStateOnClear)
        DeactivateOnIdle();
        return true;
    }

    private async Task<string> LinkOrCreateAsync(string customerId)
    {
        if (state.State.CustomerId is { } existing)
        {
            return existing;
        }

        state.State.CustomerId = customerId;
        state.State.CreatedAt = clock.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        return customerId;
    }
}
