namespace Grid.Bot;

/// <summary>
/// A knowledge-base request refused: invalid content, an unknown or existing entry, a limit reached, or the bot matcher
/// missing. <see cref="Code"/> is one of <see cref="KnowledgeErrorCodes"/>; the message names what is wrong (for an
/// import, the entry's index and field) and says what to fix.
/// </summary>
[GenerateSerializer, Alias("grid.KnowledgeRuleException")]
public sealed class KnowledgeRuleException(string code, string message, string? field = null, int? index = null) : Exception(message)
{
    [Id(0)] public string Code { get; } = code;

    /// <summary>The field at fault, as the JSON form names it (<c>flow.slots[0].pattern</c>), when there is one.</summary>
    [Id(1)] public string? Field { get; } = field;

    /// <summary>For an import, the zero-based index of the refused entry in the document.</summary>
    [Id(2)] public int? Index { get; } = index;
}

/// <summary>The codes of <see cref="KnowledgeRuleException"/>.</summary>
public static class KnowledgeErrorCodes
{
    /// <summary>The content breaks a rule (a field missing, too long, a pattern that does not compile…).</summary>
    public const string Invalid = "invalid";

    /// <summary>No entry with that id.</summary>
    public const string NotFound = "not_found";

    /// <summary>An entry with that id exists already.</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>A size limit of the knowledge base is reached (entries, document size).</summary>
    public const string LimitReached = "limit_reached";

    /// <summary>The bot matcher is not installed in this silo.</summary>
    public const string Unavailable = "unavailable";
}
