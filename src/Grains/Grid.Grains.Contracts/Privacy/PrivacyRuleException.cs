namespace Grid.Privacy;

/// <summary>A GDPR request refused: an unknown customer or address (not_found), or a value out of range (invalid).</summary>
[GenerateSerializer, Alias("grid.PrivacyRuleException")]
public sealed class PrivacyRuleException(string code, string message) : Exception(message)
{
    /// <summary>No such customer or address in the caller's tenant.</summary>
    public const string NotFound = "not_found";

    /// <summary>A value out of range.</summary>
    public const string Invalid = "invalid";

    /// <summary>Retention run on demand with no policy set.</summary>
    public const string NoPolicy = "no_policy";

    [Id(0)] public string Code { get; } = code;
}
