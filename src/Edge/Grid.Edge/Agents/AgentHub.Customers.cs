using Grid.Edge.Auth;

namespace Grid.Edge.Agents;

/// <summary>The customer behind a conversation: linking an address they proved is theirs, merging a duplicate customer.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// The agent holding the conversation (or a supervisor) links an address to its customer, who proved who they are:
    /// their messages from it join the conversation, and <see cref="ReplyOn"/> may use it. The address is checked as
    /// integrators' senders are (a phone number for Sms, WhatsApp and Voice, an email address for Email). An address of
    /// another customer merges that customer into this one (both histories kept). Journaled in the conversation.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<AddressLinkDto> LinkAddress(string conversationId, string channel, string address)
    {
        if (!Enum.TryParse<Channel>(channel, ignoreCase: true, out var on) || on == Channel.Unspecified || !Enum.IsDefined(on))
        {
            throw Refuse(HubErrors.Invalid($"Unknown channel '{Shorten(channel ?? "")}': use Sms, Email, WhatsApp, WebChat, Voice or Messenger."));
        }

        if (string.IsNullOrWhiteSpace(address) || address.Length > 320 || Grid.Edge.Grpc.Validation.TextRules.Characters(address, "address") is not null)
        {
            throw Refuse(HubErrors.Invalid("address is required: the customer's address on the channel (1 to 320 characters, no control characters)."));
        }

        var (normalized, error) = Addresses.Normalize(on, address);
        if (normalized is null)
        {
            throw Refuse(HubErrors.Invalid($"The address is not one of {on}'s: {error?.Replace("sender", "address", StringComparison.Ordinal)}."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) => new AddressLinkDto(on.ToString(), normalized,
            await grains.GetGrain<IIngestGrain>(tenant).LinkAddressForAgentAsync(tenant, conversationId, actor, on, normalized)));
    }

    /// <summary>
    /// The agent holding the conversation (or a supervisor) merges another customer (who proved to be the same person)
    /// into the conversation's customer: addresses, conversations and history (see EscalationService.MergeCustomers).
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<CustomerMergeDto> MergeCustomer(string conversationId, string otherCustomerId)
    {
        if (!CustomerIds.IsValid(otherCustomerId))
        {
            throw Refuse(HubErrors.Invalid("otherCustomerId is required: the id of a customer (cus_… or the directory's id)."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) =>
            CustomerMergeDto.From(await grains.GetGrain<IIngestGrain>(tenant).MergeForAgentAsync(tenant, conversationId, actor, otherCustomerId)));
    }

    /// <summary>
    /// The agent holding the conversation (or a supervisor) confirms who its customer is: the customer Grid created from
    /// the messages (an address it did not know) is merged into <paramref name="customerId"/> of the tenant's directory,
    /// usually the suggestion in the conversation's facts ("identity.customer", "identity.status": "suggested"). Journaled
    /// ("identity.status": "confirmed"). Refused when that customer is not in the directory, or is the customer already.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<CustomerMergeDto> ConfirmCustomer(string conversationId, string customerId)
    {
        if (!CustomerIds.IsValid(customerId))
        {
            throw Refuse(HubErrors.Invalid($"customerId is required: the directory's id of the customer ({CustomerIds.Rule})."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) =>
            CustomerMergeDto.From(await grains.GetGrain<IIngestGrain>(tenant).ConfirmIdentificationAsync(tenant, conversationId, actor, customerId)));
    }

    /// <summary>
    /// The agent holding the conversation (or a supervisor) undoes a link of an address to its customer (a wrong
    /// identification): the address's next message starts a customer of its own. Journaled ("identity.status": "unlinked").
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task UnlinkAddress(string conversationId, string channel, string address)
    {
        if (!Enum.TryParse<Channel>(channel, ignoreCase: true, out var on) || on == Channel.Unspecified || !Enum.IsDefined(on))
        {
            throw Refuse(HubErrors.Invalid($"channel '{channel}' is not one of: Sms, Email, WhatsApp, WebChat, Voice, Messenger."));
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            throw Refuse(HubErrors.Invalid("address is required: the address to unlink."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) =>
        {
            await grains.GetGrain<IIngestGrain>(tenant).UnlinkForAgentAsync(tenant, conversationId, actor, on, address);
            return true;
        });
    }
}
