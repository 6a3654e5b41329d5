using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grid.Hosting;

namespace Grid.Silo;

/// <summary>
/// <c>certs create --out DIR [--hosts 127.0.0.1,localhost] [--days 365]</c>: a development CA and one member certificate
/// signed by it (for every silo and edge of a local cluster), written as PEM files readable by their owner only, and
/// the configuration lines that use them. For production, issue each member's certificate from your own CA.
/// </summary>
public static class DevCertificates
{
    public const string CaCertificateFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string MemberCertificateFile = "member.crt";
    public const string MemberKeyFile = "member.key";

    public static int Run(IReadOnlyDictionary<string, string> flags, TextWriter output, TextWriter error)
    {
        if (!flags.TryGetValue("out", out var directory) || string.IsNullOrWhiteSpace(directory) || directory == "true")
        {
            error.WriteLine("usage: certs create --out <directory> [--hosts 127.0.0.1,localhost] [--days 365]");
            return 2;
        }

        var hosts = flags.GetValueOrDefault("hosts", "127.0.0.1,localhost")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0
            || !int.TryParse(flags.GetValueOrDefault("days", "365"), System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days < 1)
        {
            error.WriteLine("--hosts needs at least one IP or DNS name and --days at least 1.");
            return 2;
        }

        var written = Create(directory, hosts, TimeSpan.FromDays(days));
        output.WriteLine($"Wrote a development CA and a member certificate for {string.Join(", ", hosts)} to {written.Directory} (valid {days} days).");
        output.WriteLine("Give every silo and edge of the cluster these settings (environment variables shown):");
        foreach (var (key, value) in written.Settings)
        {
            output.WriteLine($"  {key.Replace(":", "__", StringComparison.Ordinal)}={value}");
        }

        output.WriteLine($"Keep {CaKeyFile} out of the cluster's hosts: it only signs new member certificates.");
        return 0;
    }

    /// <summary>The files written and the configuration keys that point at them.</summary>
    public sealed record Written(string Directory, IReadOnlyList<KeyValuePair<string, string>> Settings);

    public static Written Create(string directory, IReadOnlyList<string> hosts, TimeSpan validity)
    {
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore + validity;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Grid development CA {DateTime.UtcNow:yyyy-MM-dd} {RandomNumberGenerator.GetHexString(8, lowercase: true)}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var memberKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var memberRequest = new CertificateRequest("CN=grid-member", memberKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        memberRequest.CertificateExtensions.Add(names.Build());
        memberRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        memberRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        memberRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        memberRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(memberRequest.PublicKey, false));
        memberRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var member = memberRequest.Create(ca, notBefore, notAfter, serial);

        var caCertificatePath = Path.Combine(full, CaCertificateFile);
        var memberCertificatePath = Path.Combine(full, MemberCertificateFile);
        var memberKeyPath = Path.Combine(full, MemberKeyFile);
        WritePrivate(caCertificatePath, ca.ExportCertificatePem());
        WritePrivate(Path.Combine(full, CaKeyFile), caKey.ExportPkcs8PrivateKeyPem());
        WritePrivate(memberCertificatePath, member.ExportCertificatePem());
        WritePrivate(memberKeyPath, memberKey.ExportPkcs8PrivateKeyPem());
        return new Written(full,
        [
            new(ClusterTransport.CertificatePathKey, memberCertificatePath),
            new(ClusterTransport.KeyPathKey, memberKeyPath),
            new(ClusterTransport.CaPathKey, caCertificatePath),
        ]);
    }

    /// <summary>Writes <paramref name="text"/> to a file only its owner can read and write (0600), created so from the start.</summary>
    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Write('\n');
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
