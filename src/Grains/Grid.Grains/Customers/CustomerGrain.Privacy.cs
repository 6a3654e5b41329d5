using Microsoft.Extensions.Logging;

namespace Grid.Customers;

/// <summary>GDPR erasure and retention (docs/architecture.md, "GDPR and audit").</summary>
internal sealed partial class CustomerGrain
{
    public async Task ForgetAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync(); // the row is deleted (DeleteStateOnClear); State is a new, empty one
        }

        state.State = new CustomerState();
        DeactivateOnIdle();
        logger.LogInformation("Customer {CustomerId} erased", customerId);
    }

    public async Task ForgetConversationsAsync(IReadOnlyList<string> conversationIds)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return;
        }

        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).ForgetConversationsAsync(conversationIds); // the target holds them now
        }

        var ids = conversationIds.ToHashSet(StringComparer.Ordinal);
        var changed = state.State.ConversationIds.RemoveAll(ids.Contains) > 0;
        foreach (var id in ids)
        {
            changed |= Forget(id);
        }

        foreach (var merged in state.State.MergedConversations.Where(m => ids.Contains(m.Key) || ids.Contains(m.Value)).Select(m => m.Key).ToList())
        {
            changed |= state.State.MergedConversations.Remove(merged);
        }

        if (changed)
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }
}
