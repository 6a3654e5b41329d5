using System.Security.Claims;

namespace Grid.Edge.Auth;

/// <summary>The agent behind an authenticated hub connection.</summary>
public sealed record AgentPrincipal(string Tenant, string AgentId, string DisplayName, string Role)
{
    public static AgentPrincipal? From(ClaimsPrincipal? user)
    {
        var tenant = user?.FindFirst(AgentTokens.TenantClaim)?.Value;
        var agent = user?.FindFirst("sub")?.Value ?? user?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (!TenantId.IsValid(tenant) || !TenantId.IsValid(agent))
        {
            return null;
        }

        return new AgentPrincipal(
            tenant!,
            agent!,
            user!.FindFirst(AgentTokens.NameClaim)?.Value ?? agent!,
            user.FindFirst(AgentTokens.RoleClaim)?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value ?? "agent");
    }

    public string Key => GridKeys.Of(Tenant, AgentId);

    /// <summary>The token's role for the hub's role rules (<see cref="HubRoleAttribute"/>): unknown roles act as plain agents.</summary>
    public AgentRole Level => Role.ToLowerInvariant() switch
    {
        "admin" => AgentRole.Admin,
        "supervisor" => AgentRole.Supervisor,
        _ => AgentRole.Agent,
    };

    /// <summary>
    /// The agent as the grains see an actor: id and role (an admin acts as a supervisor on conversations; unknown roles
    /// act as plain agents).
    /// </summary>
    public Actor Actor => new(AgentId, Role.ToLowerInvariant() switch
    {
        "supervisor" or "admin" => ActorRole.Supervisor,
        "expert" => ActorRole.Expert,
        _ => ActorRole.Agent,
    }, DisplayName);
}
