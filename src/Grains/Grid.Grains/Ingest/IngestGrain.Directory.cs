using Grid.Escalation;
using Microsoft.Extensions.Logging;

namespace Grid.Ingest;

/// <summary>
/// The directory's side of identities (docs/triage.md, "The customer directory" and "Identification"): contacts'
/// addresses claimed by an import, links undone, suggestions confirmed by an agent.
/// </summary>
internal sealed partial class IngestGrain
{
    public async Task<string> ClaimAddressAsync(string tenant, string customerId, Channel channel, string address)
    {
        tenant = TenantOf(tenant);
        var identityKey = hasher.IdentityKey(tenant, channel, address);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(identityKey);
        var owner = await identity.LinkAsync(customerId);
        var outcome = "linked";
        if (owner == customerId)
        {
            // Linked now, or before: a re-import finds it so (its merge, if an earlier run was interrupted, is finished below).
            outcome = identities.TryGet(identityKey, out var cached) && cached == customerId ? "unchanged" : "linked";
        }
        else if (await CurrentAsync(tenant, owner) is var current && current == customerId)
        {
            outcome = "unchanged"; // the owner was merged into this customer already
        }
        else if (await directory.GetAsync(tenant, current) is not null)
        {
            // Another directory customer's contact: the contact changed company.
            await identity.MoveAsync(owner, customerId);
            await Customer(tenant, current).RemoveAddressAsync(channel, address);
            outcome = "moved";
        }
        else
        {
            // A customer Grid created from this address's messages: the same person, now known.
            await MergeCustomersAsync(tenant, current, customerId, "directory", "directory-contact");
            await identity.MoveAsync(owner, customerId);
            outcome = "merged";
        }

        identities.Set(identityKey, customerId);
        return outcome;
    }

    public async Task UnlinkAddressAsync(string tenant, string customerId, Channel channel, string address, string by)
    {
        tenant = TenantOf(tenant);
        var (normalized, error) = Addresses.Normalize(channel, address);
        if (normalized is null)
        {
            throw new PolicyRuleException(PolicyRuleException.Invalid, error!, "address");
        }

        var identityKey = hasher.IdentityKey(tenant, channel, normalized);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(identityKey);
        var owner = await identity.TryGetAsync();
        if (owner is null || await CurrentAsync(tenant, owner) != await CurrentAsync(tenant, customerId))
        {
            throw new PolicyRuleException(PolicyRuleException.NotFound, $"this {channel} address is not linked to customer '{customerId}'", "address");
        }

        // The address becomes a customer of its own, as if never identified: its next message starts there.
        var fresh = "cus_" + Guid.NewGuid().ToString("N");
        await identity.MoveAsync(owner, fresh);
        identities.Evict(identityKey);
        var current = await CurrentAsync(tenant, customerId);
        await Customer(tenant, current).RemoveAddressAsync(channel, normalized);
        if ((await Customer(tenant, current).GetAsync())?.OpenConversationId is { } open)
        {
            await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, open)).RecordIdentityFactsAsync(
                new Dictionary<string, string>(StringComparer.Ordinal) { [CustomerDirectory.IdentityFacts.Status] = "unlinked", [CustomerDirectory.IdentityFacts.UnlinkedBy] = by },
                $"unlink:{Addresses.KindOf(channel)}:{normalized}:{fresh}");
        }

        logger.LogInformation("A {Channel} address unlinked from customer {CustomerId} by {By}", channel, current, by);
    }

    public async Task<CustomerMerge> ConfirmIdentificationAsync(string tenant, string conversationId, Actor actor, string directoryCustomerId)
    {
        tenant = TenantOf(tenant);
        var conversation = GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
        var holder = await conversation.GetCustomerForChangeAsync(actor, "confirm who the customer is");
        if (await directory.GetAsync(tenant, directoryCustomerId) is null)
        {
            throw new ConversationRuleException(RuleCodes.NotFound, $"customer '{directoryCustomerId}' is not in the tenant's directory");
        }

        var source = await CurrentAsync(tenant, holder.CustomerId);
        var target = await CurrentAsync(tenant, directoryCustomerId);
        if (source == target)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"the conversation's customer is '{target}' already");
        }

        if (await directory.GetAsync(tenant, source) is not null)
        {
            throw new ConversationRuleException(RuleCodes.Invalid,
                $"the conversation's customer '{source}' is a directory customer: merging two directory customers is an admin's call (MergeCustomers)");
        }

        CustomerMerge merge;
        try
        {
            merge = await MergeCustomersAsync(tenant, source, target, "agent:" + actor.AgentId, "identified-by-agent");
        }
        catch (PolicyRuleException refusal)
        {
            throw AsRule(refusal);
        }

        await conversation.RecordIdentityFactsAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [CustomerDirectory.IdentityFacts.Customer] = target,
                [CustomerDirectory.IdentityFacts.Status] = "confirmed",
                [CustomerDirectory.IdentityFacts.ConfirmedBy] = actor.AgentId,
            },
            $"confirm:{source}:{target}");
        return merge;
    }

    public async Task UnlinkForAgentAsync(string tenant, string conversationId, Actor actor, Channel channel, string address)
    {
        tenant = TenantOf(tenant);
        var holder = await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId)).GetCustomerForChangeAsync(actor, "unlink an address");
        try
        {
            await UnlinkAddressAsync(tenant, holder.CustomerId, channel, address, "agent:" + actor.AgentId);
        }
        catch (PolicyRuleException refusal)
        {
            throw AsRule(refusal);
        }
    }
}
