using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>
/// Changes to the conversation's customer journaled in the conversation (docs/architecture.md, "Channel switches"): an
/// address linked by the agent holding it, a merge of two customers. Each row is keyed per conversation, so a retried
/// link or merge is journaled once.
/// </summary>
internal static partial class ConversationDecider
{
    /// <summary>The idempotency source of customer changes journaled in a conversation.</summary>
    private const string CustomerChangeSource = "customer-change";

    /// <summary>The agent holding the conversation (or a supervisor) linked an address to its customer.</summary>
    public static JournalRow AddressLinked(
        ConversationState s, Actor actor, string conversationId, Channel channel, string address, string? mergedCustomerId, DateTimeOffset now)
    {
        ConversationAccess.EnsureHolds(s, actor, conversationId, "link an address");
        var linked = new AddressLinked(s.CustomerId, channel, address, actor.AgentId, mergedCustomerId) { At = now, Channel = s.CurrentChannel };
        return new JournalRow(linked, CustomerChangeSource, $"{conversationId}:link:{Addresses.KindOf(channel)}:{address}");
    }

    /// <summary>A merge of the conversation's customer with another, journaled unless the conversation is closed.</summary>
    public static JournalRow[] Merged(ConversationState s, string conversationId, CustomerMerge merge, DateTimeOffset now)
    {
        if (!s.Exists || s.Status == ConversationStatus.Closed)
        {
            return [];
        }

        var merged = new CustomersMerged(merge.SourceCustomerId, merge.TargetCustomerId, merge.By, merge.Reason) { At = now, Channel = s.CurrentChannel };
        return [new JournalRow(merged, CustomerChangeSource, $"{conversationId}:merge:{merge.SourceCustomerId}:{merge.TargetCustomerId}")];
    }

    /// <summary>Facts about who the customer is, set outside the pipeline (an agent confirmed an identification, an admin undid one).</summary>
    public static JournalRow[] IdentityFacts(ConversationState s, string conversationId, IReadOnlyDictionary<string, string> facts, string key, DateTimeOffset now)
    {
        if (!s.Exists || s.Status == ConversationStatus.Closed || facts.Count == 0)
        {
            return [];
        }

        var set = new FactsSet("identify", new Dictionary<string, string>(facts, StringComparer.Ordinal)) { At = now, Channel = s.CurrentChannel };
        return [new JournalRow(set, CustomerChangeSource, $"{conversationId}:identity:{key}")];
    }
}
