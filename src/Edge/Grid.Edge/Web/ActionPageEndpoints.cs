using System.Text;
using Grid.Proactive;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Web;

/// <summary>
/// Actionable pushes' pages (docs/architecture.md, "Actionable pushes"): <c>GET /a/{token}</c> shows the choices,
/// <c>POST /a/{token}</c> (form field <c>choice</c>) records one. The token is the credential (signed, expiring, for one
/// customer) and sits in the form's own address, so a cross-site post needs the token itself; each request is checked
/// again by the tenant's <see cref="IActionLinkGrain"/> on a silo, which holds the key. Statuses: 200 shown or recorded;
/// 410 expired or used; 404 unknown action; 400 forged link or a choice not offered; 503 when the cluster cannot answer.
/// Anyone may call them: limited per client address (<see cref="GridEdgeExtensions.AnonymousPolicy"/>). No token is logged.
/// </summary>
public static class ActionPageEndpoints
{
    private const int MaxFormBytes = 4096;

    /// <summary>The longest choice id (an option's id is at most 64 characters; proactive.proto).</summary>
    private const int MaxChoiceChars = 64;

    public static IEndpointRouteBuilder MapGridActionPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(ActionLinkToken.PathPrefix + "{token}", (HttpContext context, ILoggerFactory loggers, string token) =>
            RespondAsync(context, loggers, token, grain => grain.OpenAsync(token))).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        app.MapPost(ActionLinkToken.PathPrefix + "{token}", PostAsync).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        return app;
    }

    private static async Task PostAsync(HttpContext context, ILoggerFactory loggers, string token)
    {
        var request = context.Request;
        string? choice = null;
        if (request.HasFormContentType && request.ContentLength is null or <= MaxFormBytes)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            choice = form["choice"].Count == 1 ? form["choice"][0] : null;
        }

        if (string.IsNullOrEmpty(choice) || choice.Length > MaxChoiceChars)
        {
            await WriteAsync(context, new ActionPage(ActionOutcomes.BadChoice, null, "", "", [], null));
            return;
        }

        await RespondAsync(context, loggers, token, grain => grain.AnswerAsync(token, choice));
    }

    private static async Task RespondAsync(HttpContext context, ILoggerFactory loggers, string token, Func<IActionLinkGrain, Task<ActionPage>> call)
    {
        if (ActionLinkToken.PeekTenant(token) is not { Length: > 0 } tenant || tenant.Contains('/', StringComparison.Ordinal))
        {
            await WriteAsync(context, new ActionPage(ActionOutcomes.Forged, null, "", "", [], null));
            return;
        }

        ActionPage page;
        try
        {
            page = await call(context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IActionLinkGrain>(tenant));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing recorded is lost: the unit either committed (a retry says "used") or did not (a retry records it).
            loggers.CreateLogger(typeof(ActionPageEndpoints)).LogError(ex, "An action link page of tenant {Tenant} could not be answered", tenant);
            await WriteAsync(context, new ActionPage("unavailable", null, "", "", [], null));
            return;
        }

        await WriteAsync(context, page);
    }

    private static Task WriteAsync(HttpContext context, ActionPage page)
    {
        var response = context.Response;
        response.StatusCode = page.Outcome switch
        {
            ActionOutcomes.Open or ActionOutcomes.Answered => StatusCodes.Status200OK,
            ActionOutcomes.Expired or ActionOutcomes.Used => StatusCodes.Status410Gone,
            ActionOutcomes.Unknown => StatusCodes.Status404NotFound,
            "unavailable" => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ActionPageHtml.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(ActionPageHtml.Render(page), Encoding.UTF8, context.RequestAborted);
    }
}
