namespace Grid;

/// <summary>
/// An operation that the conversation's current state or the caller's part in it does not allow (for example
/// replying to a conversation not assigned to the agent). <see cref="Code"/> is one of <see cref="RuleCodes"/>;
/// the message says why in a sentence.
/// </summary>
[GenerateSerializer, Alias("grid.ConversationRuleException")]
public sealed class ConversationRuleException(string code, string message) : Exception(message)
{
    [Id(0)] public string Code { get; } = code;
}

/// <summary>The machine-readable codes of <see cref="ConversationRuleException"/>, as clients see them.</summary>
public static class RuleCodes
{
    /// <summary>No such conversation in the caller's tenant, or one the caller may not see.</summary>
    public const string NotFound = "not_found";

    /// <summary>The conversation is visible to the caller but the action belongs to someone else.</summary>
    public const string NotYours = "not_yours";

    /// <summary>The conversation's state does not allow the action now.</summary>
    public const string WrongState = "wrong_state";

    /// <summary>The request itself is not valid.</summary>
    public const string Invalid = "invalid";

    /// <summary>The caller's role does not allow the action (a supervisor's action asked by an agent).</summary>
    public const string Forbidden = "forbidden";
}
