using Microsoft.Extensions.Logging;

namespace Grid.Customers;

/// <summary>This customer merged into another, or taking another in (docs/architecture.md, "Channel switches").</summary>
internal sealed partial class CustomerGrain
{
    public async Task<MergedCustomer> MarkMergedAsync(CustomerMerge merge)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.NotFound, $"customer '{customerId}' not found in this tenant", "source_customer_id");
        }

        if (state.State.MergedInto is { } mergedInto)
        {
            if (mergedInto != merge.TargetCustomerId)
            {
                throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.Invalid,
                    $"customer '{customerId}' was merged into '{mergedInto}' already; merge '{mergedInto}' instead", "source_customer_id");
            }

            // A retry: hand over the same, under the first merge's record.
            return Handover(state.State.Merges.Last(m => m.SourceCustomerId == customerId));
        }

        state.State.MergedInto = merge.TargetCustomerId;
        state.State.Merges.Add(merge);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} merged into {TargetCustomerId} by {By}", customerId, merge.TargetCustomerId, merge.By);
        return Handover(merge);
    }

    public async Task AbsorbAsync(MergedCustomer merged)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            // This customer was itself merged on since the merge into it began: its successor takes the source in.
            await Customer(mergedInto).AbsorbAsync(merged);
            return;
        }

        if (state.State.Merges.Any(m => m.SourceCustomerId == merged.Merge.SourceCustomerId && m.TargetCustomerId == merged.Merge.TargetCustomerId))
        {
            return;
        }

        foreach (var address in merged.Addresses.Where(a => !state.State.Addresses.Any(b => b.Channel == a.Channel && b.Address == a.Address)))
        {
            state.State.Addresses.Add(address);
        }

        state.State.ConversationIds.AddRange(merged.ConversationIds.Where(id => !state.State.ConversationIds.Contains(id)));
        state.State.AbsorbedCustomerIds.AddRange(merged.CustomerIds.Where(id => id != customerId && !state.State.AbsorbedCustomerIds.Contains(id)));

        // One open conversation per customer: the target keeps its own; without one, the source's becomes it. A source's
        // conversation left open stays open under its id and is listed here.
        state.State.OpenConversationId ??= merged.OpenConversationId;
        ListOpen();
        foreach (var open in merged.OpenConversationIds.Append(merged.OpenConversationId).OfType<string>().Distinct())
        {
            Summary(open, merged.Merge.At);
        }

        state.State.Merges.Add(merged.Merge);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} took in customer {SourceCustomerId}", customerId, merged.Merge.SourceCustomerId);
    }

    private MergedCustomer Handover(CustomerMerge merge) => new(
        merge,
        [customerId, .. state.State.AbsorbedCustomerIds],
        [.. state.State.Addresses],
        [.. state.State.ConversationIds],
        state.State.OpenConversationId)
    {
        OpenConversationIds = OpenIds(),
    };
}
