using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// A tenant's live conversations for supervisors (key: the tenant): a read of the index table the conversations write
/// in their own journal units. A stateless worker, so a list runs on the silo that was called; reentrant, since it holds
/// no state. It awaits no grain.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class LiveConversationsGrain(IConversationIndexStore index) : Grain, ILiveConversationsGrain
{
    public Task<LiveConversationPage> ListAsync(Actor actor, LiveConversationQuery query)
    {
        ConversationAccess.EnsureSupervisor(actor, "list the tenant's conversations");
        if (query.Limit is < 1 or > LiveConversationQuery.MaxLimit || query.Status == ConversationStatus.Closed)
        {
            throw new ConversationRuleException(RuleCodes.Invalid,
                $"A list holds 1 to {LiveConversationQuery.MaxLimit} conversations that are not closed.");
        }

        return index.ListLiveAsync(this.GetPrimaryKeyString(), query);
    }
}
