using System.Text.Json;
using Grid.Edge.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Grid.Edge.Web;

/// <summary>
/// The two pages: the agent desk (<c>/desk</c>) and the customer's web chat (<c>/chat</c>, and the widget script
/// <c>/chat/widget.js</c>), their hashed assets (<c>/assets/…</c>), the desk's configuration and, in embedded mode, its
/// demo sign-in. Pages are sent with a strict Content-Security-Policy: scripts, styles and connections from this origin
/// only, nothing inline.
/// </summary>
public static class WebEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>Registers the embedded host's demo sign-in (see <see cref="DevSignIn"/>); only the embedded silo calls it.</summary>
    public static WebApplicationBuilder AddGridDeskDevSignIn(this WebApplicationBuilder builder, string defaultTenant)
    {
        builder.Services.AddSingleton(new DevSignIn(builder.Configuration.GetValue<bool?>(DevSignIn.Section) ?? true, defaultTenant));
        return builder;
    }

    public static IEndpointRouteBuilder MapGridWeb(this IEndpointRouteBuilder app)
    {
        string[] read = [HttpMethods.Get, HttpMethods.Head];
        // "/desk" also matches "/desk/": the pages' assets use absolute paths, so both work.
        app.MapMethods("/desk", read, (HttpContext context, WebAssets assets) => Serve(context, assets, "/desk/index.html", page: "desk"));
        app.MapMethods("/chat", read, (HttpContext context, WebAssets assets) => Serve(context, assets, "/chat/index.html", page: "chat"));
        app.MapMethods("/chat/widget.js", read, (HttpContext context, WebAssets assets) => Serve(context, assets, "/chat/widget.js"));
        app.MapMethods("/assets/{file}", read, (HttpContext context, WebAssets assets, string file) => Serve(context, assets, "/assets/" + file));
        app.MapGet("/desk/config", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var devSignIn = context.RequestServices.GetService<DevSignIn>();
            return Results.Json(new { devSignIn = devSignIn?.Enabled == true, tenant = devSignIn?.DefaultTenant });
        }).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        app.MapPost("/desk/dev-token", MintDevTokenAsync).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        return app;
    }

    /// <summary>
    /// <c>POST /desk/dev-token</c> with <c>{ tenant, agentId, displayName, role }</c>: <c>{ token }</c>, an agent token
    /// signed with the configured key. 404 unless the embedded host enabled the demo sign-in.
    /// </summary>
    internal static async Task<IResult> MintDevTokenAsync(HttpContext context, IOptions<EdgeOptions> options, ILoggerFactory loggers)
    {
        if (context.RequestServices.GetService<DevSignIn>() is not { Enabled: true })
        {
            return Results.NotFound();
        }

        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem("The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Request.ContentLength is > 4096)
        {
            return Results.Problem("The body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        DevTokenRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<DevTokenRequest>(JsonSerializerOptions.Web, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not valid JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (DevTokenRequestValidator.Validate(request) is { } error)
        {
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var role = request!.Role ?? "agent";
        var name = string.IsNullOrWhiteSpace(request.DisplayName) ? request.AgentId! : request.DisplayName.Trim();
        var token = AgentTokens.Mint(options.Value.Auth, request.Tenant!, request.AgentId!, name, role, DevSignIn.Lifetime);
        loggers.CreateLogger(typeof(WebEndpoints)).LogInformation(
            "Development sign-in: a token for agent {AgentId} of tenant {Tenant} as {Role}", request.AgentId, request.Tenant, role);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { token });
    }

    /// <summary>Sends a built file with its caching headers; a page also gets the security headers.</summary>
    private static IResult Serve(HttpContext context, WebAssets assets, string path, string? page = null)
    {
        if (assets.Find(path) is not { } asset)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = asset.Immutable ? Immutable : "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        if (page is not null)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request, framable: page == "chat");
            headers["Referrer-Policy"] = "no-referrer";
            if (page != "chat")
            {
                headers.XFrameOptions = "DENY";
            }
        }

        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var body = asset.Content;
        if (asset.Gzipped is { } gzipped)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
            if (AcceptsGzip(context.Request))
            {
                headers.ContentEncoding = "gzip";
                body = gzipped;
            }
        }

        return Results.Bytes(body, asset.ContentType);
    }

    /// <summary>
    /// Nothing inline, nothing from elsewhere: scripts and styles from this origin, connections to this origin (its
    /// WebSocket included, named for browsers whose 'self' does not cover ws:). The chat may be framed by a tenant's
    /// site (the widget opens it in an iframe); the desk may not.
    /// </summary>
    internal static string ContentSecurityPolicy(HttpRequest request, bool framable)
    {
        var host = request.Host.HasValue ? request.Host.Value : "";
        var ws = request.IsHttps ? "wss" : "ws";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
            + $"connect-src 'self' {ws}://{host}; base-uri 'none'; form-action 'self'; "
            + (framable ? "frame-ancestors *" : "frame-ancestors 'none'");
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
}
