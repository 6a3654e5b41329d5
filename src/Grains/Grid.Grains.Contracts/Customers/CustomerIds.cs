using System.Text.RegularExpressions;

namespace Grid;

/// <summary>
/// What a customer id looks like: the ids Grid gives customers it creates from messages (cus_ and 32 hex digits) and
/// the ids a tenant's directory gives its customers (DirectoryService: the CRM's id, "C-1001") — 1 to 64 letters,
/// digits, '.', '_' or '-', starting with a letter or digit.
/// </summary>
public static partial class CustomerIds
{
    public const string Rule = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Pattern();
}
