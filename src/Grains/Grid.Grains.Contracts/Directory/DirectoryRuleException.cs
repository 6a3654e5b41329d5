namespace Grid.CustomerDirectory;

/// <summary>
/// A directory request refused: a malformed document (the message names the line or the entry and the field and says
/// what to fix), a limit exceeded, an unknown customer. Nothing of a refused import is applied.
/// </summary>
[GenerateSerializer, Alias("grid.DirectoryRuleException")]
public sealed class DirectoryRuleException(string code, string message) : Exception(message)
{
    /// <summary>Refused content.</summary>
    public const string Invalid = "invalid";

    /// <summary>A size or count limit.</summary>
    public const string LimitReached = "limit_reached";

    /// <summary>No such customer or address.</summary>
    public const string NotFound = "not_found";

    [Id(0)] public string Code { get; } = code;
}
