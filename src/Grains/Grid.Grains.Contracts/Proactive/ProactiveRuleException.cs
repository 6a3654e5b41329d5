namespace Grid.Proactive;

/// <summary>
/// A proactive request refused: a bad audience or template (the message says what to fix), a dedupe key reused with
/// another payload, an unknown incident, a change an incident's state does not allow. Nothing of a refused request is
/// stored.
/// </summary>
[GenerateSerializer, Alias("grid.ProactiveRuleException")]
public sealed class ProactiveRuleException(string code, string message) : Exception(message)
{
    /// <summary>Refused content (audience syntax, templates, variables, channels).</summary>
    public const string Invalid = "invalid";

    /// <summary>The dedupe key names an incident opened with another payload.</summary>
    public const string Conflict = "conflict";

    /// <summary>No such incident.</summary>
    public const string NotFound = "not_found";

    /// <summary>The incident is resolved or cancelled.</summary>
    public const string WrongState = "wrong_state";

    [Id(0)] public string Code { get; } = code;
}
