using Microsoft.Extensions.Logging;

namespace Grid.Customers;

/// <summary>Addresses and the directory profile: linked, removed (an identification undone), the profile imported.</summary>
internal sealed partial class CustomerGrain
{
    public async Task ApplyDirectoryAsync(CustomerDirectory.DirectoryProfile profile)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).ApplyDirectoryAsync(profile);
            return;
        }

        var known = state.State.Profile;
        if (state.RecordExists && known is not null && known.DisplayName == profile.DisplayName && known.AccountNumber == profile.AccountNumber
            && known.Tier == profile.Tier && known.Language == profile.Language && known.Tags.SequenceEqual(profile.Tags) && state.State.Tier == profile.Tier)
        {
            return;
        }

        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
        }

        state.State.Profile = profile;
        state.State.Tier = profile.Tier;
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} updated from the directory", customerId);
    }

    public async Task RemoveAddressAsync(Channel channel, string address)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).RemoveAddressAsync(channel, address);
            return;
        }

        var kind = Addresses.KindOf(channel);
        if (state.State.Addresses.RemoveAll(a => Addresses.KindOf(a.Channel) == kind && a.Address == address) > 0)
        {
            await state.WriteOrDeactivateAsync(this);
            logger.LogInformation("Customer {CustomerId} unlinked from a {Channel} address", customerId, channel);
        }
    }

    public async Task AddAddressAsync(LinkedAddress address)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).AddAddressAsync(address);
            return;
        }

        if (state.State.Addresses.Any(a => a.Channel == address.Channel && a.Address == address.Address))
        {
            return;
        }

        state.State.Addresses.Add(address);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} linked to a {Channel} address", customerId, address.Channel);
    }
}
