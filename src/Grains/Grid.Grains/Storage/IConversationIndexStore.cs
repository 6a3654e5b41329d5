namespace Grid.Storage;

/// <summary>
/// The tenant's index of live conversations (not closed): one row per conversation, written inside the journal unit
/// that changes one of its fields (see <see cref="ConversationIndexChange"/>), read by supervisors' lists.
/// </summary>
public interface IConversationIndexStore
{
    /// <summary>
    /// A page of a tenant's live conversations matching the query's filters, by priority descending, then
    /// <see cref="LiveConversation.UpdatedAt"/>, then id, strictly after the query's cursor (keyset pagination).
    /// </summary>
    Task<LiveConversationPage> ListLiveAsync(string tenant, LiveConversationQuery query);
}

/// <summary>A change of a conversation's row in the index, written with the unit that causes it.</summary>
/// <param name="Entry">The row to write (insert or replace); null deletes it (the conversation closed).</param>
public sealed record ConversationIndexChange(LiveConversation? Entry)
{
    public static ConversationIndexChange Remove { get; } = new((LiveConversation?)null);
}
