using System.Net;
using Grid.Edge.Agents;
using Grid.Edge.Auth;
using Grid.Edge.Grpc;
using Grid.Edge.Grpc.Validation;
using Grid.Edge.Health;
using Grid.Edge.Outbound;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Prometheus;

namespace Grid.Edge;

/// <summary>Registers and maps Grid's edge: gRPC for integrators, SignalR for agents, metrics and health.</summary>
public static class GridEdgeExtensions
{
    /// <summary>Adds the edge's services and its two listeners (HTTP for SignalR, desk, metrics, health; HTTP/2 for gRPC).</summary>
    public static WebApplicationBuilder AddGridEdge(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Grid");
        var edge = section.Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.Configure<EdgeOptions>(section);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var ip = IPAddress.Parse(edge.BindAddress);
            kestrel.Listen(ip, edge.Http.Port, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(ip, edge.Grpc.Port, l => l.Protocols = HttpProtocols.Http2);
        });

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<AddressHasher>();
        services.AddSingleton(sp => new PostInboundValidator(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.Limits));
        services.AddSingleton<GridServerInterceptor>();
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 1024 * 1024;
            o.EnableDetailedErrors = false;
        })
            .AddServiceOptions<IngestGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<OutboundGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<ReadGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 128 * 1024);

        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<AgentRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentRelay>());

        if (string.IsNullOrEmpty(edge.Auth.SigningKey))
        {
            throw new InvalidOperationException("Grid:Auth:SigningKey is not configured: a base64 key of at least 32 bytes that signs agents' JWTs.");
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = edge.Auth.Issuer,
                ValidAudience = edge.Auth.Audience,
                IssuerSigningKey = AgentTokens.Key(edge.Auth.SigningKey),
                NameClaimType = AgentTokens.NameClaim,
                RoleClaimType = AgentTokens.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSockets: the token comes in the query string, on the hub path only.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(AgentHub.Path) && context.Request.Query["access_token"] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization();
        return builder;
    }

    /// <summary>Maps the edge's endpoints.</summary>
    public static WebApplication MapGridEdge(this WebApplication app)
    {
        EdgeMetrics.Initialize();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<OutboundGrpcService>();
        app.MapGrpcService<ReadGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHub<AgentHub>(AgentHub.Path);
        app.MapGridHealthAndMetrics();
        return app;
    }

    /// <summary>Adds health checks and one HTTP listener for a process that serves only /metrics and health (a silo without edge).</summary>
    public static WebApplicationBuilder AddGridHealthAndMetrics(this WebApplicationBuilder builder)
    {
        var edge = builder.Configuration.GetSection("Grid").Get<EdgeOptions>() ?? new EdgeOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(edge.BindAddress), edge.Http.Port, l => l.Protocols = HttpProtocols.Http1));
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    /// <summary>/metrics (Prometheus, Orleans' meters included), /healthz (process) and /readyz (cluster and storage).</summary>
    public static IEndpointRouteBuilder MapGridHealthAndMetrics(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
