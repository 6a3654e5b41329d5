using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Grid.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Grid.Silo;

/// <summary>
/// The Orleans dashboard for operators (docs/architecture.md, "Operations"), on the silo's HTTP port under
/// Grid:Dashboard:Path when Grid:Dashboard:Enabled is true. It shows every tenant's grains (their state included), so
/// only operators see it: HTTP Basic with a name and password from Grid:Dashboard:Operators (the password configured
/// by its SHA-256). No or a wrong credential is 401; an agent's token, whatever its role, is 403 (tenants' admins are
/// not operators of the cluster).
/// </summary>
public static class OperatorDashboard
{
    public const string Section = "Grid:Dashboard";
    public const string Scheme = "GridOperator";
    public const string Policy = "GridOperator";

    public static DashboardSettings Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DashboardSettings>() ?? new DashboardSettings();

    /// <summary>Adds the dashboard's services to the silo (every silo of a cluster needs the same setting).</summary>
    public static ISiloBuilder UseGridDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = Read(configuration);
        if (settings.Enabled)
        {
            silo.AddDashboard(o => o.HideTrace = !settings.LiveLogs);
        }

        return silo;
    }

    /// <summary>The operators' authentication and the policy; refuses settings that cannot work (one line, exit code 1).</summary>
    public static WebApplicationBuilder AddGridDashboardAuth(this WebApplicationBuilder builder, bool edgeEnabled)
    {
        var settings = Read(builder.Configuration);
        if (!settings.Enabled)
        {
            return builder;
        }

        if (settings.Check() is { } problem)
        {
            throw new GridStartupException(problem);
        }

        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(Scheme, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(Policy, policy =>
        {
            policy.AuthenticationSchemes.Add(Scheme);
            if (edgeEnabled)
            {
                policy.AuthenticationSchemes.Add(JwtBearerDefaults.AuthenticationScheme); // an agent's token is known, then forbidden
            }

            policy.RequireAuthenticatedUser();
            policy.RequireAssertion(c => c.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Scheme));
        }));
        return builder;
    }

    public static WebApplication MapGridDashboard(this WebApplication app, bool edgeEnabled)
    {
        var settings = Read(app.Configuration);
        if (!settings.Enabled)
        {
            return app;
        }

        if (!edgeEnabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapOrleansDashboard(settings.Path).RequireAuthorization(Policy);
        return app;
    }
}

/// <summary>The "Grid:Dashboard" section.</summary>
public sealed class DashboardSettings
{
    /// <summary>Serve the dashboard (default false). Its grain call profiling costs a little on every grain call.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where it is served (default /dashboard).</summary>
    public string Path { get; set; } = "/dashboard";

    /// <summary>The dashboard's live log page (default false: logs name tenants and customers' ids).</summary>
    public bool LiveLogs { get; set; }

    /// <summary>Operators by name, each with the SHA-256 (hex) of their password.</summary>
    public Dictionary<string, OperatorCredential> Operators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What makes these settings unusable, or null.</summary>
    public string? Check()
    {
        if (!Path.StartsWith('/') || Path.Length < 2 || Path.EndsWith('/'))
        {
            return $"{OperatorDashboard.Section}:Path must start with / and not end with one (it is '{Path}')";
        }

        if (Operators.Count == 0)
        {
            return $"{OperatorDashboard.Section}:Enabled is true but no operator is configured: set {OperatorDashboard.Section}:Operators:<name>:PasswordSha256";
        }

        var bad = Operators.FirstOrDefault(o => o.Value.Hash() is null);
        return bad.Key is null
            ? null
            : $"{OperatorDashboard.Section}:Operators:{bad.Key}:PasswordSha256 must be 64 hex digits (the SHA-256 of the password, e.g. printf %s \"$PASSWORD\" | sha256sum)";
    }
}

public sealed class OperatorCredential
{
    public string? PasswordSha256 { get; set; }

    public byte[]? Hash()
    {
        try
        {
            return PasswordSha256 is { Length: 64 } hex ? Convert.FromHexString(hex) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>HTTP Basic for operators: the password's SHA-256 compared in constant time with the configured one.</summary>
internal sealed class OperatorAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string name, password;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1)
            {
                return Task.FromResult(AuthenticateResult.Fail("malformed Basic credential"));
            }

            (name, password) = (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credential"));
        }

        var expected = OperatorDashboard.Read(configuration).Operators.GetValueOrDefault(name)?.Hash();
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            Logger.LogDebug("Dashboard sign-in refused from {RemoteAddress}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("unknown operator or wrong password"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Grid dashboard\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
