using System.Text.RegularExpressions;

namespace Grid.Edge.Auth;

/// <summary>Tenant ids, agent ids and integrator names are short lowercase slugs: they start grain keys.</summary>
public static partial class TenantId
{
    public static bool IsValid(string? value) => value is not null && Slug().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,62}\z")]
    private static partial Regex Slug();
}
