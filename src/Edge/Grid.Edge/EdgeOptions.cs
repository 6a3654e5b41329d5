using Microsoft.Extensions.Configuration;

namespace Grid.Edge;

/// <summary>
/// The edge's configuration, bound from the "Grid" section: once into <c>IOptions&lt;EdgeOptions&gt;</c> (checked at
/// start by <see cref="EdgeOptionsValidator"/>), and with <see cref="Read"/> for what is needed before the host exists.
/// </summary>
public sealed class EdgeOptions
{
    public const string Section = "Grid";

    /// <summary>The options as configured, for what must be known before the host is built (Kestrel's listeners).</summary>
    public static EdgeOptions Read(IConfiguration configuration) => configuration.GetSection(Section).Get<EdgeOptions>() ?? new EdgeOptions();

    public HttpEndpoint Http { get; set; } = new() { Port = 5080 };

    public HttpEndpoint Grpc { get; set; } = new() { Port = 5081 };

    /// <summary>The address both ports listen on. 127.0.0.1 by default; 0.0.0.0 to serve other machines.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public AuthOptions Auth { get; set; } = new();

    /// <summary>Integrators by name: each has an API key bound to one tenant.</summary>
    public Dictionary<string, IntegratorOptions> Integrators { get; set; } = new(StringComparer.Ordinal);

    public LimitOptions Limits { get; set; } = new();

    public WebChat.WebChatOptions WebChat { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>
/// Per-caller limits (Grid:RateLimits): token buckets refilled continuously, so a burst up to the bucket passes and a
/// steady rate up to the refill does. Beyond them a gRPC call answers RESOURCE_EXHAUSTED with a "retry-after-ms" trailer,
/// an agents' hub call the error "rate_limited: … retry in N ms".
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>gRPC calls per second of one API key of an integrator (each key its own budget; every edge counts on its own).</summary>
    public int IntegratorPerSecond { get; set; } = 10_000;

    public int IntegratorBurst { get; set; } = 20_000;

    /// <summary>Hub calls per second of one agent connection.</summary>
    public int AgentPerSecond { get; set; } = 20;

    public int AgentBurst { get; set; } = 100;

    /// <summary>Outbound streams one integrator may hold open on one edge.</summary>
    public int StreamsPerIntegrator { get; set; } = 16;

    /// <summary>Hub connections one agent may hold open on one edge (desk tabs, phones).</summary>
    public int ConnectionsPerAgent { get; set; } = 10;

    /// <summary>
    /// Requests per minute from one client address to the endpoints anyone may call without a key or token (/chat/config,
    /// /desk/config, /desk/dev-token, the web chat hub's connections); beyond: 429 with Retry-After.
    /// </summary>
    public int AnonymousPerMinute { get; set; } = 600;
}

/// <summary>
/// TLS on the HTTP and gRPC ports (Grid:Tls). With a certificate configured both ports speak only TLS (plaintext is
/// off); without one they are plaintext, for a process behind a TLS-terminating proxy or on loopback.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>The server certificate: a PKCS#12 file (.pfx, .p12) or a PEM certificate (with <see cref="KeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate (unset: the key is in the certificate file).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 file's password, or the PEM key's.</summary>
    public string? CertificatePassword { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Loads the certificate, or throws with a message that says which file and why.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Load()
    {
        var path = CertificatePath!;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            return extension is ".pfx" or ".p12"
                ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword)
                : string.IsNullOrEmpty(CertificatePassword)
                    ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(path, KeyPath)
                    : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromEncryptedPemFile(path, CertificatePassword, KeyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"Grid:Tls:CertificatePath '{path}' cannot be loaded as a certificate with its private key: {ex.Message}", ex);
        }
    }
}

public sealed class HttpEndpoint
{
    public int Port { get; set; }
}

public sealed class AuthOptions
{
    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes) that signs and checks agents' JWTs.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "grid";

    public string Audience { get; set; } = "grid-agents";

    /// <summary>
    /// Web origins (scheme://host[:port]) whose pages may connect to the agents' hub besides Grid's own (the desk served
    /// by this process), as a list: a browser connection from any other origin is refused (403), so a page elsewhere
    /// cannot use an agent's token. Clients that are not browsers send no Origin and are not concerned.
    /// </summary>
    public List<string>? AgentOrigins { get; set; }
}

public sealed class IntegratorOptions
{
    /// <summary>The tenant every call made with this key acts for.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>The key's SHA-256 as hex (preferred: the key itself is not in configuration).</summary>
    public string? ApiKeySha256 { get; set; }

    /// <summary>The key in clear (development only); hashed at start-up and never kept.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// More keys of the integrator, as SHA-256 hex (Grid:Integrators:&lt;name&gt;:ApiKeysSha256:0, :1, …), each valid with
    /// the same tenant and scopes: rotation without downtime is adding the new key here, moving the integrator to it,
    /// then removing the old one. `dotnet run --project src/Silo -- keys create` makes a key and prints its digest.
    /// </summary>
    public List<string>? ApiKeysSha256 { get; set; }

    /// <summary>
    /// What the key may call (Grid:Integrators:&lt;name&gt;:Scopes:0, :1, …): ingest, outbound, read, admin. Not configured:
    /// ingest, outbound and read (<see cref="Auth.ApiScopes.Default"/>). Null rather than a default list: the configuration
    /// binder appends configured items to an existing list.
    /// </summary>
    public List<string>? Scopes { get; set; }
}

public sealed class LimitOptions
{
    /// <summary>The attachment uri schemes accepted when <see cref="AttachmentSchemes"/> is not configured.</summary>
    public static IReadOnlyList<string> DefaultAttachmentSchemes { get; } = ["https"];

    public int MaxTextLength { get; set; } = 32_000;

    public int MaxAttachments { get; set; } = 20;

    public int MaxMetadataEntries { get; set; } = 50;

    /// <summary>
    /// The uri schemes attachments may use (Grid:Limits:AttachmentSchemes:0, :1, …); https only when not configured.
    /// Null rather than a default list: the configuration binder appends configured items to an existing list.
    /// </summary>
    public List<string>? AttachmentSchemes { get; set; }

    /// <summary>The schemes in force, in lowercase: the configured ones, or <see cref="DefaultAttachmentSchemes"/>.</summary>
    public IReadOnlyList<string> AcceptedAttachmentSchemes() =>
        AttachmentSchemes is { Count: > 0 } configured ? [.. configured.Select(s => s.Trim().ToLowerInvariant())] : DefaultAttachmentSchemes;
}
