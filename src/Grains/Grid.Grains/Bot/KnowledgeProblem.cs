namespace Grid.Bot;

/// <summary>
/// What is wrong with knowledge-base content: a code of <see cref="KnowledgeErrorCodes"/>, the field as the JSON form
/// names it (<c>flow.slots[0].pattern</c>; <c>[7].flow.slots[0].pattern</c> in a document), the message for the
/// caller, and for a document the index of the entry.
/// </summary>
internal sealed record KnowledgeProblem(string Code, string Field, string Message, int? Index = null)
{
    public static KnowledgeProblem Invalid(string field, string message) => new(KnowledgeErrorCodes.Invalid, field, message);

    public static KnowledgeProblem Limit(string field, string message) => new(KnowledgeErrorCodes.LimitReached, field, message);

    /// <summary>The refusal sent to the caller, with <paramref name="prefix"/> before the message when given.</summary>
    public KnowledgeRuleException ToException(string? prefix = null) => new(Code, prefix + Message, Field, Index);
}
