using Microsoft.Extensions.Logging;

namespace Grid.Conversations;

/// <summary>
/// The conversation's customer (docs/architecture.md, "Channel switches"): who may link an address to them or merge
/// another customer into them, the journal of those changes, and reads of the customer that follow a merge.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>How many merges a read of the customer follows (a chain A → B → C); merges never form a cycle.</summary>
    private const int MergeHops = 16;

    public Task<ConversationCustomer> GetCustomerForChangeAsync(Actor actor, string action)
    {
        EnsureVisible(actor);
        ConversationAccess.EnsureHolds(S, actor, conversationId, action);
        return Task.FromResult(new ConversationCustomer(S.CustomerId, S.ReplyTo?.Integrator));
    }

    public async Task RecordAddressLinkedAsync(Actor actor, Channel channel, string address, string? mergedCustomerId)
    {
        await CommitAsync([ConversationDecider.AddressLinked(S, actor, conversationId, channel, address, mergedCustomerId, clock.GetUtcNow())]);
        logger.LogInformation("Conversation {ConversationId}: agent {AgentId} linked a {Channel} address to the customer", conversationId, actor.AgentId, channel);
    }

    public async Task RecordMergeAsync(CustomerMerge merge) =>
        await CommitAsync(ConversationDecider.Merged(S, conversationId, merge, clock.GetUtcNow()));

    public async Task RecordIdentityFactsAsync(IReadOnlyDictionary<string, string> facts, string key) =>
        await CommitAsync(ConversationDecider.IdentityFacts(S, conversationId, facts, key, clock.GetUtcNow()));

    /// <summary>
    /// The conversation's customer as they are now: a customer merged into another is read there (this conversation
    /// stays under the id of the customer who opened it).
    /// </summary>
    private async Task<CustomerView?> CustomerAsync()
    {
        var id = S.CustomerId;
        CustomerView? customer = null;
        for (var hop = 0; hop < MergeHops && id.Length > 0; hop++)
        {
            customer = await GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, id)).GetAsync();
            if (customer?.MergedInto is not { } next)
            {
                break;
            }

            id = next;
        }

        return customer;
    }
}
