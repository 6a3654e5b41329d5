using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Edge.Agents;

/// <summary>
/// Refuses (403) a browser's request to the agents' hub from a page of another origin than Grid's own or one of
/// <see cref="AuthOptions.AgentOrigins"/>: a token that leaked to another site cannot drive the hub from there. Requests
/// without an Origin header (clients that are not browsers) pass.
/// </summary>
public sealed class AgentOriginCheck(RequestDelegate next, IOptions<EdgeOptions> options, ILogger<AgentOriginCheck> logger)
{
    private readonly HashSet<string> allowed = new(
        (options.Value.Auth.AgentOrigins ?? []).Select(o => o.Trim().TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(AgentHub.Path) || context.Request.Headers.Origin is not [{ Length: > 0 } origin])
        {
            return next(context);
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin.TrimEnd('/')))
        {
            return next(context);
        }

        logger.LogWarning("Agents' hub refused a browser connection from origin {Origin} (remote {Remote}); allowed: this site and Grid:Auth:AgentOrigins",
            origin.Length > 200 ? origin[..200] : origin, context.Connection.RemoteIpAddress);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("This origin may not connect to the agents' hub: add it to Grid:Auth:AgentOrigins.");
    }
}
