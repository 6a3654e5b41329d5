namespace Grid.Edge.Web;

/// <summary>
/// The desk's demo sign-in (<c>POST /desk/dev-token</c>), registered by the embedded host only
/// (<see cref="WebEndpoints.AddGridDeskDevSignIn"/>): a cluster edge or silo never has it, whatever its configuration
/// says. <c>Grid:Desk:DevSignIn</c> (default true) turns it off in embedded mode. A development convenience: anyone who
/// reaches the HTTP port can sign in as any agent of any tenant, so it must never be on in production.
/// </summary>
/// <param name="Enabled">Grid:Desk:DevSignIn.</param>
/// <param name="DefaultTenant">The tenant the sign-in form proposes.</param>
public sealed record DevSignIn(bool Enabled, string DefaultTenant)
{
    public const string Section = "Grid:Desk:DevSignIn";

    /// <summary>How long a development token lasts.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(8);
}

/// <summary>The body of <c>POST /desk/dev-token</c>.</summary>
public sealed record DevTokenRequest(string? Tenant, string? AgentId, string? DisplayName, string? Role);

/// <summary>Checks a <see cref="DevTokenRequest"/>: ids are slugs (<see cref="Auth.TenantId"/>), the name is short text, the role agent or supervisor.</summary>
public static class DevTokenRequestValidator
{
    public const int MaxDisplayName = 100;

    /// <summary>Null when valid, else what is wrong (safe to show: it never repeats the input).</summary>
    public static string? Validate(DevTokenRequest? request)
    {
        if (request is null)
        {
            return "a JSON object { tenant, agentId, displayName, role } is required";
        }

        if (!Auth.TenantId.IsValid(request.Tenant))
        {
            return "tenant must be a lowercase slug ([a-z0-9._-], starting with a letter or digit, at most 63 characters)";
        }

        if (!Auth.TenantId.IsValid(request.AgentId))
        {
            return "agentId must be a lowercase slug ([a-z0-9._-], starting with a letter or digit, at most 63 characters)";
        }

        if (request.DisplayName is { } name && (name.Length > MaxDisplayName || name.Any(char.IsControl)))
        {
            return $"displayName must be at most {MaxDisplayName} characters, without control characters";
        }

        return request.Role is null or "agent" or "supervisor" ? null : "role must be \"agent\" or \"supervisor\"";
    }
}
