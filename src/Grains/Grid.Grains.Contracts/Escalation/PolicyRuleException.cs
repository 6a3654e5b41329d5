namespace Grid.Escalation;

/// <summary>
/// An administration request refused because of what it asks (<see cref="Code"/>: "invalid" or "not_found"); the
/// message names the field and what to fix.
/// </summary>
[GenerateSerializer, Alias("grid.PolicyRuleException")]
public sealed class PolicyRuleException(string code, string message, string? field = null) : Exception(message)
{
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";

    [Id(0)] public string Code { get; } = code;

    [Id(1)] public string? Field { get; } = field;
}
