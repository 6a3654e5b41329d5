using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>
/// What a conversation keeps of regrouping (docs/architecture.md, "Grouping"): the customer's addresses that wrote in
/// it, and an agent's merges and splits on either side.
/// </summary>
internal sealed partial class ConversationState
{
    /// <summary>How many of the customer's addresses that wrote a conversation keeps (and journals joining).</summary>
    public const int MaxSenders = 20;

    /// <summary>The customer's addresses that wrote in it (a colleague's too), oldest first, at most <see cref="MaxSenders"/>.</summary>
    [Id(37)] public List<string> Senders { get; set; } = [];

    /// <summary>The conversation an agent merged this one into (it is closed; messages threaded here go there).</summary>
    [Id(38)] public string? MergedInto { get; set; }

    /// <summary>Conversations an agent merged into this one: their entries are part of its history.</summary>
    [Id(39)] public List<string> MergedFrom { get; set; } = [];

    /// <summary>The conversation this one was split from by an agent.</summary>
    [Id(40)] public string? SplitFrom { get; set; }

    /// <summary>Customer messages an agent moved out to another conversation (seq → that conversation).</summary>
    [Id(41)] public Dictionary<long, string> MovedOut { get; set; } = new();

    /// <summary>Folds in a merge or split this conversation took part in, as source or target.</summary>
    private void ApplyRegrouping(string conversationId, ConversationEvent e)
    {
        switch (e)
        {
            case ConversationsMerged merged when merged.SourceConversationId == conversationId:
                MergedInto = merged.TargetConversationId;
                break;
            case ConversationsMerged merged:
                if (!MergedFrom.Contains(merged.SourceConversationId))
                {
                    MergedFrom.Add(merged.SourceConversationId);
                }

                break;
            case ConversationSplit split when split.TargetConversationId == conversationId:
                SplitFrom = split.SourceConversationId;
                break;
            case ConversationSplit split:
                foreach (var moved in split.Seqs)
                {
                    MovedOut[moved] = split.TargetConversationId;
                }

                break;
        }
    }
}
