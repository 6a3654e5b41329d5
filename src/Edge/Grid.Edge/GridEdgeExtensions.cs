using System.Net;
using Grid.Edge.Agents;
using Grid.Edge.Auth;
using Grid.Edge.Grpc;
using Grid.Edge.Grpc.Validation;
using Grid.Edge.Observability;
using Grid.Edge.Health;
using Grid.Edge.Outbound;
using Grid.Edge.Shutdown;
using Grid.Edge.Web;
using Grid.Edge.WebChat;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Prometheus;

namespace Grid.Edge;

/// <summary>Registers and maps Grid's edge: gRPC for integrators, SignalR for agents, metrics and health.</summary>
public static class GridEdgeExtensions
{
    /// <summary>The rate limiter policy of the endpoints anyone may call (per client address, Grid:RateLimits:AnonymousPerMinute).</summary>
    public const string AnonymousPolicy = "anonymous";

    /// <summary>The category of grpc-dotnet's per-call log.</summary>
    private const string GrpcCallLog = "Grpc.AspNetCore.Server.ServerCallHandler";

    /// <summary>The category of SignalR's hub-invocation log.</summary>
    private const string HubDispatcherLog = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>Adds the edge's services and its two listeners (HTTP for SignalR, desk, metrics, health; HTTP/2 for gRPC).</summary>
    public static WebApplicationBuilder AddGridEdge(this WebApplicationBuilder builder)
    {
        GridPrometheus.Configure();
        var edge = EdgeOptions.Read(builder.Configuration);
        var certificate = edge.Tls.Enabled ? edge.Tls.Load() : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            ServerLimits.Apply(kestrel.Limits);
            Listen(kestrel, edge.BindAddress, edge.Http.Port, HttpProtocols.Http1, certificate);
            Listen(kestrel, edge.BindAddress, edge.Grpc.Port, HttpProtocols.Http2, certificate);
        });

        // Expected refusals are not stack traces. grpc-dotnet logs each refused call at Information, and a request it
        // could not read (too large, not UTF-8) with the exception; GridServerInterceptor logs refusals itself, and
        // grpc-dotnet's warnings and errors (faults) still show. SignalR logs every HubException as an error with its
        // stack trace; HubCallLogFilter logs refusals and faults instead. Configuring either category overrides this.
        QuietUnlessConfigured(builder, GrpcCallLog, LogLevel.Warning);
        QuietUnlessConfigured(builder, HubDispatcherLog, LogLevel.None);

        builder.AddGridTracing("grid-edge");
        var services = builder.Services;
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>(_ => new EdgeOptionsValidator()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<RefusalLog>();
        services.AddSingleton(sp => new PostInboundValidator(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.Limits));
        services.AddSingleton<GridServerInterceptor>();
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = ServerLimits.GrpcMessageBytes; // larger for the services that take documents and models
            o.EnableDetailedErrors = false;
        })
            .AddServiceOptions<IngestGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<OutboundGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<ReadGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<KnowledgeGrpcService>(o =>
            {
                o.Interceptors.Add<GridServerInterceptor>();
                o.MaxReceiveMessageSize = KnowledgeGrpcService.MaxReceiveMessageSize;
            })
            .AddServiceOptions<EscalationGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<TriageGrpcService>(o =>
            {
                o.Interceptors.Add<GridServerInterceptor>();
                o.MaxReceiveMessageSize = TriageGrpcService.MaxReceiveMessageSize;
            })
            .AddServiceOptions<RoutingGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<GdprGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>())
            .AddServiceOptions<DirectoryGrpcService>(o =>
            {
                o.Interceptors.Add<GridServerInterceptor>();
                o.MaxReceiveMessageSize = DirectoryGrpcService.MaxReceiveMessageSize;
            })
            .AddServiceOptions<ProactiveGrpcService>(o => o.Interceptors.Add<GridServerInterceptor>());
        services.AddGrpcReflection();
        services.TryAddSingleton<ClusterHealthCheck>(); // one instance: it keeps its last answer for a couple of seconds
        services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]).AddCheck<DrainHealthCheck>("shutdown", tags: ["ready"]);
        services.AddGridShutdown(builder.Configuration);
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = ServerLimits.HubMessageBytes;
            o.AddFilter<DrainHubFilter>();
            o.AddFilter<HubCallLogFilter>();
            o.AddFilter<AgentRateLimitFilter>();
            o.AddFilter<HubRoleFilter>(); // after the rate limit: a refused role still spends a call
        });
        services.AddSingleton<CallRateLimits>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            o.AddPolicy(AnonymousPolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, http.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value.RateLimits.AnonymousPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<AgentRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentRelay>());
        services.AddGridWebChat();
        services.AddSingleton<WebAssets>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<EdgeOptions>>((o, options) =>
        {
            var auth = options.Value.Auth;
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKey = AgentTokens.Key(auth.SigningKey!),
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

                // A token that does not validate (forged, expired, another issuer): a Warning with the client's address and
                // the reason, never the token; at most once per address per RefusalLog.Window, each at Debug.
                OnAuthenticationFailed = context =>
                {
                    var services = context.HttpContext.RequestServices;
                    var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentTokens));
                    var address = RefusalLog.Address(context.HttpContext.Connection.RemoteIpAddress);
                    var reason = context.Exception switch
                    {
                        SecurityTokenExpiredException => "expired",
                        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "invalid signature",
                        SecurityTokenInvalidIssuerException => "wrong issuer",
                        SecurityTokenInvalidAudienceException => "wrong audience",
                        SecurityTokenMalformedException or ArgumentException => "malformed",
                        _ => "invalid",
                    };
                    logger.LogDebug("Agent token from {RemoteAddress} refused: {Reason}", address, reason);
                    if (services.GetRequiredService<RefusalLog>().ShouldLog("agent-token", address, out var suppressed))
                    {
                        if (suppressed == 0)
                        {
                            logger.LogWarning("Agent token from {RemoteAddress} refused: {Reason}", address, reason);
                        }
                        else
                        {
                            logger.LogWarning("Agent token from {RemoteAddress} refused: {Reason}; {Suppressed} more tokens from this address refused and not logged",
                                address, reason, suppressed);
                        }
                    }

                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization();
        return builder;
    }

    /// <summary>Maps the edge's endpoints (the desk and web chat pages included, see <see cref="WebEndpoints"/>).</summary>
    public static WebApplication MapGridEdge(this WebApplication app)
    {
        EdgeMetrics.Initialize();
        app.UseMiddleware<AgentOriginCheck>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<OutboundGrpcService>();
        app.MapGrpcService<ReadGrpcService>();
        app.MapGrpcService<KnowledgeGrpcService>();
        app.MapGrpcService<EscalationGrpcService>();
        app.MapGrpcService<TriageGrpcService>();
        app.MapGrpcService<RoutingGrpcService>();
        app.MapGrpcService<DirectoryGrpcService>();
        app.MapGrpcService<GdprGrpcService>();
        app.MapGrpcService<ProactiveGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHub<AgentHub>(AgentHub.Path, o => o.CloseOnAuthenticationExpiration = true); // an expired token ends the connection
        app.MapGridWebChat();
        app.MapGridWeb();
        app.MapGridActionPages();
        app.MapGridHealthAndMetrics();
        return app;
    }

    /// <summary>Adds health checks and one HTTP listener for a process that serves only /metrics and health (a silo without edge).</summary>
    public static WebApplicationBuilder AddGridHealthAndMetrics(this WebApplicationBuilder builder)
    {
        GridPrometheus.Configure();
        var edge = EdgeOptions.Read(builder.Configuration);
        var certificate = edge.Tls.Enabled ? edge.Tls.Load() : null;
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, edge.BindAddress, edge.Http.Port, HttpProtocols.Http1, certificate));
        builder.AddGridTracing("grid-silo");
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>(_ => new EdgeOptionsValidator(listenersOnly: true)));
        builder.Services.TryAddSingleton<ClusterHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]).AddCheck<DrainHealthCheck>("shutdown", tags: ["ready"]);
        builder.Services.AddGridShutdown(builder.Configuration);
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

    /// <summary>Sets a log category's minimum level, unless Logging:LogLevel configures that category.</summary>
    private static void QuietUnlessConfigured(WebApplicationBuilder builder, string category, LogLevel level)
    {
        if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
        {
            builder.Logging.AddFilter(category, level);
        }
    }

    /// <summary>
    /// One listener. Kestrel reads its options while the host's services are created, before options are validated:
    /// an invalid address or port is skipped here and stops the start through <see cref="EdgeOptionsValidator"/>,
    /// with a message naming the key.
    /// </summary>
    /// <summary>A listener; with a certificate it speaks only TLS (gRPC's HTTP/2 negotiated by ALPN).</summary>
    private static void Listen(KestrelServerOptions kestrel, string address, int port, HttpProtocols protocols,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        if (IPAddress.TryParse(address, out var ip) && port is >= 1 and <= 65535)
        {
            kestrel.Listen(ip, port, l =>
            {
                l.Protocols = protocols;
                if (certificate is not null)
                {
                    l.UseHttps(certificate);
                }
            });
        }
    }
}
