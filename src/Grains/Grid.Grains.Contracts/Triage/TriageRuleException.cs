namespace Grid.Triage;

/// <summary>
/// A triage request refused: a malformed training file, an unknown category, a model that does not load, no model for
/// the tenant. <see cref="Code"/> is one of <see cref="TriageErrorCodes"/>; the message names the line or field at fault
/// and says what to fix.
/// </summary>
[GenerateSerializer, Alias("grid.TriageRuleException")]
public sealed class TriageRuleException(string code, string message, string? field = null, int? line = null) : Exception(message)
{
    [Id(0)] public string Code { get; } = code;

    /// <summary>The field at fault (<c>category</c>, <c>text</c>, <c>model</c>…), when there is one.</summary>
    [Id(1)] public string? Field { get; } = field;

    /// <summary>For a CSV file, the one-based physical line where the refused record starts.</summary>
    [Id(2)] public int? Line { get; } = line;
}

/// <summary>The codes of <see cref="TriageRuleException"/>.</summary>
public static class TriageErrorCodes
{
    /// <summary>The content breaks a rule (malformed CSV, unknown category, a model that does not load).</summary>
    public const string Invalid = "invalid";

    /// <summary>The tenant has no category model yet.</summary>
    public const string NoModel = "no_model";

    /// <summary>A size limit is exceeded.</summary>
    public const string LimitReached = "limit_reached";
}
