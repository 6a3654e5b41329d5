namespace Grid;

/// <summary>
/// A tenant's live conversations for supervisors (key: the tenant). It reads the index table that conversations write
/// in their own journal units; no conversation ever calls it, so it is no tenant-wide bottleneck. Awaits no grain.
/// </summary>
[Alias("grid.ILiveConversationsGrain")]
public interface ILiveConversationsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A page of the tenant's conversations that are not closed, by priority (highest first), then the least recently
    /// changed first. Supervisors only: anyone else is refused with <see cref="RuleCodes.Forbidden"/>.
    /// </summary>
    [Alias("ListAsync")]
    Task<LiveConversationPage> ListAsync(Actor actor, LiveConversationQuery query);
}
