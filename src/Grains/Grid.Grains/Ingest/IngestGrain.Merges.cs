using Grid.Escalation;
using Microsoft.Extensions.Logging;

namespace Grid.Ingest;

/// <summary>
/// Linking addresses and merging customers (docs/architecture.md, "Channel switches"), orchestrated here because no
/// customer or conversation awaits the ingest grain: the source customer, then the target, then the identities, then
/// the open conversations, each step idempotent so that a retry finishes an interrupted merge. Customers never await
/// each other here; a merged customer passes calls on to its target only (merges point one way).
/// </summary>
internal sealed partial class IngestGrain
{
    /// <summary>How many merges <see cref="CurrentAsync"/> follows; merges never form a cycle.</summary>
    private const int MergeHops = 16;

    public async Task<CustomerMerge> MergeCustomersAsync(string tenant, string sourceCustomerId, string targetCustomerId, string by, string reason)
    {
        tenant = TenantOf(tenant);
        if (sourceCustomerId == targetCustomerId)
        {
            throw new PolicyRuleException(PolicyRuleException.Invalid, $"customer '{sourceCustomerId}' cannot be merged into itself", "target_customer_id");
        }

        var target = await Customer(tenant, targetCustomerId).GetAsync()
            ?? throw new PolicyRuleException(PolicyRuleException.NotFound, $"customer '{targetCustomerId}' not found in this tenant", "target_customer_id");
        if (target.MergedInto is { } targetMoved)
        {
            if ((await Customer(tenant, sourceCustomerId).GetAsync())?.Merges?.FirstOrDefault(m => m.SourceCustomerId == sourceCustomerId) is { } done
                && done.TargetCustomerId == targetCustomerId)
            {
                return done; // a retry after the target was merged on in turn (A → B, B → C, A → B again)
            }

            throw new PolicyRuleException(PolicyRuleException.Invalid,
                $"customer '{targetCustomerId}' was merged into '{targetMoved}'; merge into '{await CurrentAsync(tenant, targetMoved)}' instead", "target_customer_id");
        }

        // The source's own checks (unknown, merged into another customer) are made by its grain, in its turn.
        var handed = await Customer(tenant, sourceCustomerId).MarkMergedAsync(new CustomerMerge(sourceCustomerId, targetCustomerId, by, reason, clock.GetUtcNow()));
        await Customer(tenant, targetCustomerId).AbsorbAsync(handed);
        foreach (var address in handed.Addresses)
        {
            var identityKey = hasher.IdentityKey(tenant, address.Channel, address.Address);
            var identity = GrainFactory.GetGrain<IIdentityGrain>(identityKey);
            var owner = await identity.MoveAsync(sourceCustomerId, targetCustomerId);
            if (owner is not null && owner != targetCustomerId && handed.CustomerIds.Contains(owner))
            {
                owner = await identity.MoveAsync(owner, targetCustomerId); // left on an earlier source by an interrupted merge
            }

            if (owner == targetCustomerId)
            {
                identities.Set(identityKey, targetCustomerId);
            }
        }

        var absorbed = await Customer(tenant, targetCustomerId).GetAsync();
        foreach (var open in new[] { absorbed?.OpenConversationId, handed.OpenConversationId }.OfType<string>().Distinct())
        {
            await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, open)).RecordMergeAsync(handed.Merge);
        }

        logger.LogInformation("Customer {SourceCustomerId} merged into {TargetCustomerId} by {By}", sourceCustomerId, targetCustomerId, handed.Merge.By);
        return handed.Merge;
    }

    public async Task<string?> LinkAddressForAgentAsync(string tenant, string conversationId, Actor actor, Channel channel, string address)
    {
        tenant = TenantOf(tenant);
        var conversation = GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
        var holder = await conversation.GetCustomerForChangeAsync(actor, "link an address");
        var customerId = await CurrentAsync(tenant, holder.CustomerId);

        // Replies to the new address go through the integrator the customer last used on that channel, else the
        // conversation's; the customer's first message from it sets the integrator it came through.
        var known = (await Customer(tenant, customerId).GetAsync())?.Addresses.Where(a => a.Channel == channel).MaxBy(a => a.LastSeenAt);
        var integrator = known?.Integrator ?? holder.Integrator
            ?? throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} has no channel to reach the customer on yet.");
        string? merged;
        try
        {
            merged = await LinkAsync(tenant, customerId, channel, address, integrator, "agent:" + actor.AgentId);
        }
        catch (PolicyRuleException refusal)
        {
            throw AsRule(refusal);
        }

        await conversation.RecordAddressLinkedAsync(actor, channel, address, merged);
        return merged;
    }

    public async Task<CustomerMerge> MergeForAgentAsync(string tenant, string conversationId, Actor actor, string otherCustomerId)
    {
        tenant = TenantOf(tenant);
        var holder = await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId)).GetCustomerForChangeAsync(actor, "merge customers");
        try
        {
            return await MergeCustomersAsync(tenant, otherCustomerId, await CurrentAsync(tenant, holder.CustomerId), "agent:" + actor.AgentId, "merged-by-agent");
        }
        catch (PolicyRuleException refusal)
        {
            throw AsRule(refusal);
        }
    }

    /// <summary>
    /// Links an address to a customer who is not merged; an address of another customer merges that customer into this
    /// one. Returns the customer merged, or null.
    /// </summary>
    private async Task<string?> LinkAsync(string tenant, string customerId, Channel channel, string address, string integrator, string by)
    {
        var identityKey = hasher.IdentityKey(tenant, channel, address);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(identityKey);
        var owner = await identity.LinkAsync(customerId);
        string? merged = null;
        if (owner != customerId)
        {
            // The customer proved who they are: the address's owner is the same person. A retry finds the owner merged already.
            var current = await CurrentAsync(tenant, owner);
            if (current != customerId)
            {
                await MergeCustomersAsync(tenant, current, customerId, by, "address-linked");
            }

            merged = current;
            if (await identity.MoveAsync(owner, customerId) != customerId)
            {
                throw new PolicyRuleException(PolicyRuleException.Invalid, "this address moved to another customer meanwhile; try again", "address");
            }
        }

        identities.Set(identityKey, customerId);
        await Customer(tenant, customerId).AddAddressAsync(new LinkedAddress(channel, address, integrator, clock.GetUtcNow()));
        return merged;
    }

    /// <summary>The customer <paramref name="customerId"/> is now: the end of its chain of merges.</summary>
    private async Task<string> CurrentAsync(string tenant, string customerId)
    {
        for (var hop = 0; hop < MergeHops; hop++)
        {
            if ((await Customer(tenant, customerId).GetAsync())?.MergedInto is not { } next)
            {
                break;
            }

            customerId = next;
        }

        return customerId;
    }

    private static ConversationRuleException AsRule(PolicyRuleException refusal) =>
        new(refusal.Code == PolicyRuleException.NotFound ? RuleCodes.NotFound : RuleCodes.Invalid, refusal.Message);
}
