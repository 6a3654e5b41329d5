using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Edge.WebChat;

/// <summary>Registers and maps the web chat: the visitors' hub behind its gate and CORS policy, delivery, /chat/config.</summary>
public static class WebChatExtensions
{
    /// <summary>The CORS policy of the visitors' hub: the origins some widget allows, with credentials (SignalR's negotiate).</summary>
    public const string CorsPolicy = "grid-webchat";

    public static IServiceCollection AddGridWebChat(this IServiceCollection services)
    {
        services.AddSingleton<Widgets>();
        services.AddSingleton<VisitorConnections>();
        services.AddSingleton<VisitorRateLimiter>();
        services.AddSingleton<ChatEntries>();
        services.AddHostedService<WebChatDelivery>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<Widgets>((o, widgets) => o.AddPolicy(CorsPolicy, policy => policy
            .SetIsOriginAllowed(widgets.AllowsOrigin)
            .AllowAnyHeader()
            .WithMethods("GET", "POST")
            .AllowCredentials()));
        return services;
    }

    public static WebApplication MapGridWebChat(this WebApplication app)
    {
        WebChatMetrics.Initialize();
        app.UseCors();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ChatHub.Path), branch => branch.UseMiddleware<WidgetGate>());
        app.MapHub<ChatHub>(ChatHub.Path).RequireCors(CorsPolicy).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        app.MapGet("/chat/config", (Widgets widgets) => widgets.PageWidget is { } widget
            ? Results.Ok(new ChatPageConfig(widget.PublicKey, widget.Tenant, ChatHub.Path))
            : Results.NotFound()).RequireRateLimiting(GridEdgeExtensions.AnonymousPolicy);
        return app;
    }
}
