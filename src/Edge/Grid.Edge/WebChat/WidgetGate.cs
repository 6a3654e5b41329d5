using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.WebChat;

/// <summary>
/// Admits a visitor's requests to the visitors' hub (negotiate, the WebSocket, server-sent events, long polls): a known
/// widget key (query "widget"), a well-formed visitor id (query "visitor", <see cref="VisitorIds"/>) and an origin the
/// widget allows. Refused before SignalR sees the request, so that a refusal is an HTTP status with a coded text body
/// ("forbidden: …", "invalid: …") and a log line without stack trace. The origin is the Origin header; without one, a
/// browser's same-origin request (Sec-Fetch-Site: same-origin, e.g. a long poll from the /chat page) counts as this
/// host's own origin, and anything else is admitted only if the widget allows a missing origin.
/// </summary>
public sealed class WidgetGate(RequestDelegate next, Widgets widgets, RefusalLog refusals, ILogger<WidgetGate> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            return next(context); // CORS preflight: answered by the CORS middleware
        }

        var query = context.Request.Query;
        var widget = widgets.ByKey(query["widget"].FirstOrDefault());
        if (widget is null)
        {
            return RefuseAsync(context, StatusCodes.Status403Forbidden, "unknown_widget", "forbidden: unknown widget key: pass the widget's public key as ?widget=");
        }

        var visitor = query["visitor"].FirstOrDefault();
        if (!VisitorIds.IsValid(visitor))
        {
            return RefuseAsync(context, StatusCodes.Status400BadRequest, "visitor_id", $"invalid: the visitor id (?visitor=) must be {VisitorIds.Rule}", widget);
        }

        var origin = OriginOf(context.Request);
        if (origin is null ? !widget.AllowMissingOrigin : WebOrigins.Normalize(origin) is not { } normal || !widget.Origins.Contains(normal))
        {
            return RefuseAsync(context, StatusCodes.Status403Forbidden, "origin",
                origin is null ? "forbidden: the request has no Origin header and this widget requires one" : "forbidden: this widget is not allowed on this site's origin", widget);
        }

        context.Items[VisitorSession.ItemKey] = new VisitorSession(widget, visitor!, context.Connection.RemoteIpAddress);
        return next(context);
    }

    /// <summary>The request's origin: its Origin header, else this host's origin for a browser's same-origin request, else null.</summary>
    private static string? OriginOf(HttpRequest request)
    {
        if (request.Headers.Origin.FirstOrDefault() is { Length: > 0 } origin)
        {
            return origin;
        }

        return request.Headers["Sec-Fetch-Site"].FirstOrDefault() == "same-origin" && request.Host.HasValue ? $"{request.Scheme}://{request.Host.Value}" : null;
    }

    private Task RefuseAsync(HttpContext context, int status, string reason, string message, Widget? widget = null)
    {
        WebChatMetrics.Refusals.WithLabels(reason).Inc();
        // Anyone may try: each at Debug, at Information at most once per client address per RefusalLog.Window.
        var address = RefusalLog.Address(context.Connection.RemoteIpAddress);
        logger.LogDebug("Web chat connection from {RemoteAddress} refused: {Reason} (widget {Widget})", address, reason, widget?.Name);
        if (refusals.ShouldLog("webchat-connect", address, out var suppressed))
        {
            if (suppressed == 0)
            {
                logger.LogInformation("Web chat connection from {RemoteAddress} refused: {Reason} (widget {Widget})", address, reason, widget?.Name);
            }
            else
            {
                logger.LogInformation("Web chat connection from {RemoteAddress} refused: {Reason} (widget {Widget}); {Suppressed} more refusals from this address not logged",
                    address, reason, widget?.Name, suppressed);
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
