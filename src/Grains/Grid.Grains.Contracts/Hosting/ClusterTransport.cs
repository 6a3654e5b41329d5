using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Grid.Hosting;

/// <summary>
/// How cluster members (silos and standalone edges) talk to each other: TLS with mutual certificate authentication
/// (every member presents a certificate signed by the cluster's CA, and accepts only certificates that chain to that CA,
/// never to the operating system's store), or plain TCP when Grid:Orleans:TrustedNetwork is true. Read from
/// "Grid:Orleans:Tls" and "Grid:Orleans:TrustedNetwork" before the host is built.
/// </summary>
public sealed class ClusterTransport
{
    public const string Section = "Grid:Orleans";

    public const string CertificatePathKey = Section + ":Tls:CertificatePath";
    public const string KeyPathKey = Section + ":Tls:KeyPath";
    public const string CertificatePasswordKey = Section + ":Tls:CertificatePassword";
    public const string CaPathKey = Section + ":Tls:CaPath";
    public const string TrustedNetworkKey = Section + ":TrustedNetwork";

    /// <summary>The line a cluster member prints when it refuses to start on an open transport.</summary>
    public const string Refusal =
        "Cluster transport is not secured: set " + CertificatePathKey + " and " + CaPathKey +
        " (create development ones with: dotnet run --project src/Silo -- certs create --out DIR), or set " +
        TrustedNetworkKey + "=true if every host that can reach the silo and gateway ports is trusted.";

    private ILogger? logger;

    private ClusterTransport(X509Certificate2? certificate, X509Certificate2? authority, bool trustedNetwork)
    {
        Certificate = certificate;
        Authority = authority;
        TrustedNetwork = trustedNetwork;
    }

    /// <summary>This member's certificate, with its private key; null without TLS.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The CA every member's certificate must chain to; null without TLS.</summary>
    public X509Certificate2? Authority { get; }

    public bool TrustedNetwork { get; }

    public bool UsesTls => Certificate is not null;

    /// <summary>
    /// The transport as configured. Throws <see cref="ClusterTransportException"/> (one line naming the keys) when TLS is
    /// half configured, a file cannot be read, or neither TLS nor a trusted network is configured.
    /// </summary>
    public static ClusterTransport Read(IConfiguration configuration)
    {
        var certificatePath = configuration[CertificatePathKey];
        var caPath = configuration[CaPathKey];
        var trusted = configuration.GetValue<bool?>(TrustedNetworkKey) ?? false;
        if (string.IsNullOrWhiteSpace(certificatePath) && string.IsNullOrWhiteSpace(caPath))
        {
            return trusted ? new ClusterTransport(null, null, true) : throw new ClusterTransportException(Refusal);
        }

        if (string.IsNullOrWhiteSpace(certificatePath) || string.IsNullOrWhiteSpace(caPath))
        {
            throw new ClusterTransportException($"Cluster TLS needs both {CertificatePathKey} and {CaPathKey}; only one is set.");
        }

        var certificate = LoadMemberCertificate(certificatePath, configuration[KeyPathKey], configuration[CertificatePasswordKey]);
        if (MissingUsage(certificate) is { } usage)
        {
            throw new ClusterTransportException($"The certificate in {CertificatePathKey} ({certificate.Subject}) may not be used for {usage}: every member is a TLS server and client (extended key usages serverAuth and clientAuth).");
        }

        var authority = LoadCertificate(caPath, CaPathKey);
        var transport = new ClusterTransport(certificate, authority, trusted);
        if (!transport.IsMember(certificate))
        {
            throw new ClusterTransportException($"The certificate in {CertificatePathKey} ({certificate.Subject}) is not signed by the CA in {CaPathKey} ({authority.Subject}) or is not valid now.");
        }

        return transport;
    }

    /// <summary>
    /// The check both TLS sides run on the other's certificate: <see cref="IsMember"/>, and a warning (subject and
    /// thumbprint only) for a certificate refused once <see cref="UseLogger"/> is called.
    /// </summary>
    public bool Admits(X509Certificate2 remote)
    {
        if (IsMember(remote))
        {
            return true;
        }

        logger?.LogWarning("Cluster transport refused a certificate that does not chain to the cluster's CA: {Subject} ({Thumbprint}), valid {NotBefore} to {NotAfter}",
            remote.Subject, remote.Thumbprint, remote.NotBefore, remote.NotAfter);
        return false;
    }

    /// <summary>Logs how this process's cluster connections are secured, and from now on the certificates refused.</summary>
    public void UseLogger(ILogger logger)
    {
        this.logger = logger;
        if (Certificate is { } certificate)
        {
            logger.LogInformation("Cluster transport: mutual TLS with certificate {Subject} ({Thumbprint}, valid until {NotAfter}), members must chain to CA {Authority}",
                certificate.Subject, certificate.Thumbprint, certificate.NotAfter, Authority!.Subject);
        }
        else
        {
            logger.LogWarning("Cluster transport: plain TCP without authentication, because {Key} is true: every host that reaches the silo and gateway ports is trusted", TrustedNetworkKey);
        }
    }

    /// <summary>Whether <paramref name="remote"/> chains to this cluster's CA (and to no other root), valid now.</summary>
    public bool IsMember(X509Certificate2 remote)
    {
        if (Authority is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (!chain.Build(remote))
        {
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawData.AsSpan().SequenceEqual(Authority.RawData);
    }

    /// <summary>The TLS role an extended key usage extension leaves out (none: any use).</summary>
    private static string? MissingUsage(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages;
        if (usages is null)
        {
            return null;
        }

        var values = usages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToHashSet();
        return !values.Contains("1.3.6.1.5.5.7.3.1") ? "server authentication"
            : !values.Contains("1.3.6.1.5.5.7.3.2") ? "client authentication"
            : null;
    }

    private static X509Certificate2 LoadMemberCertificate(string path, string? keyPath, string? password)
    {
        try
        {
            X509Certificate2 loaded;
            if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
            {
                loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            else
            {
                using var pem = string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath);

                // A PEM key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
                loaded = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }

            if (!loaded.HasPrivateKey)
            {
                throw new ClusterTransportException($"The certificate in {CertificatePathKey} has no private key: give a PFX, a PEM with its key, or {KeyPathKey}.");
            }

            return loaded;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ClusterTransportException($"Cannot load the certificate in {CertificatePathKey} ('{path}'): {e.Message} (check {KeyPathKey} and {CertificatePasswordKey}).");
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string key)
    {
        try
        {
            var text = File.ReadAllText(path);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ClusterTransportException($"Cannot load the CA certificate in {key} ('{path}'): {e.Message}");
        }
    }
}

/// <summary>A cluster transport that cannot be used; the message is one line naming the keys to set.</summary>
public sealed class ClusterTransportException(string message) : Exception(message);
