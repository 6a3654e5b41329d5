namespace Grid;

/// <summary>
/// An operation that the conversation's current state or the caller's role does not allow
/// (for example replying to a conversation not assigned to the agent). The message says why.
/// </summary>
[GenerateSerializer, Alias("grid.ConversationRuleException")]
public sealed class ConversationRuleException(string message) : Exception(message);
