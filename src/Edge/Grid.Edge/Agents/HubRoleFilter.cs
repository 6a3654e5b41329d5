using System.Reflection;
using Grid.Edge.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Agents;

/// <summary>
/// Enforces the role of the connection's token on every agents' hub call before the method runs: a call by a role
/// below the method's <see cref="HubRoleAttribute"/> is refused with <c>forbidden</c>, whatever its arguments (a
/// conversation id is not even looked at, so the answer tells nothing about it). A method without the attribute is
/// refused to everyone (fail closed).
/// </summary>
public sealed class HubRoleFilter(RefusalLog refusals, ILogger<HubRoleFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is AgentHub)
        {
            var required = invocationContext.HubMethod.GetCustomAttribute<HubRoleAttribute>()?.Minimum;
            var role = AgentPrincipal.From(invocationContext.Context.User)?.Level;
            if (required is null || role is null || role < required)
            {
                var method = invocationContext.HubMethodName;
                var address = RefusalLog.Address(invocationContext.Context.GetHttpContext()?.Connection.RemoteIpAddress);
                logger.LogDebug("Hub call {Method} from {RemoteAddress} refused: role {Role} below {Required}", method, address, role, required);
                if (refusals.ShouldLog("hub-role", address, out var suppressed))
                {
                    logger.LogInformation("Hub call {Method} from {RemoteAddress} refused: role {Role} below {Required}; {Suppressed} more not logged",
                        method, address, role, required, suppressed);
                }

                throw HubErrors.Of(RuleCodes.Forbidden, required is null
                    ? $"{method} is open to no role."
                    : $"Only {Describe(required.Value)} can call {method}: your token's role is {(role ?? AgentRole.Agent).ToString().ToLowerInvariant()}.");
            }
        }

        return await next(invocationContext);
    }

    private static string Describe(AgentRole role) => role switch
    {
        AgentRole.Admin => "an admin",
        AgentRole.Supervisor => "a supervisor (or an admin)",
        _ => "an agent",
    };
}
