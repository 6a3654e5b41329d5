using Grid.Edge.Auth;

namespace Grid.Edge.Agents;

/// <summary>Correcting the grouping of messages into conversations: merging two conversations of one customer, splitting one.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// The agent holding <paramref name="conversationId"/> (or a supervisor) merges <paramref name="otherConversationId"/>,
    /// another conversation of the same customer about the same problem, into it: journaled in both, the other closed
    /// with a pointer here (messages threaded to it come here), its entries part of this one's history (GetHistory's first
    /// page, GetContext). Returns this conversation. Safe to retry.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<ConversationDto> MergeConversations(string conversationId, string otherConversationId)
    {
        if (!TenantId.IsValid(otherConversationId) || !otherConversationId.StartsWith("cnv_", StringComparison.Ordinal))
        {
            throw Refuse(HubErrors.Invalid("otherConversationId is required: the id of a conversation (cnv_…)."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) =>
            ConversationDto.From(await grains.GetGrain<IIngestGrain>(tenant).MergeConversationsAsync(tenant, conversationId, otherConversationId, actor)));
    }

    /// <summary>
    /// The agent holding the conversation (or a supervisor) moves customer messages that are another problem into a new
    /// conversation of the same customer: <paramref name="seqs"/> when given, else every customer message from
    /// <paramref name="fromSeq"/>. Journaled in both (the new one says where it came from); the new one waits in the same
    /// queue, offered to this agent first. The same request again returns the same split.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<ConversationSplitDto> SplitConversation(string conversationId, long fromSeq, long[]? seqs)
    {
        seqs ??= [];
        if (seqs.Length == 0 && fromSeq <= 0)
        {
            throw Refuse(HubErrors.Invalid("Name what moves: fromSeq (a customer message's seq, 1 or more) or seqs (the customer messages' seqs)."));
        }

        if (seqs.Length > 500 || seqs.Any(q => q <= 0))
        {
            throw Refuse(HubErrors.Invalid("seqs are sequence numbers of customer messages (1 or more), at most 500."));
        }

        var tenant = Agent().Tenant;
        return Guard(conversationId, async (_, actor) =>
            ConversationSplitDto.From(await grains.GetGrain<IIngestGrain>(tenant).SplitConversationAsync(tenant, conversationId, actor, fromSeq, seqs)));
    }
}

/// <summary>A split: the conversation the messages left, the new one, and the messages moved (their seqs in the first).</summary>
public sealed record ConversationSplitDto(string ConversationId, string NewConversationId, IReadOnlyList<long> Seqs)
{
    public static ConversationSplitDto From(ConversationSplitResult r) => new(r.ConversationId, r.NewConversationId, r.Seqs);
}
