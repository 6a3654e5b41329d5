using System.Net;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Grid.Tests.Cluster;

/// <summary>Raw clients of the silo and gateway ports: TLS with or without a certificate, plain TCP, another address.</summary>
public sealed partial class TlsClusterTests
{
    /// <summary>
    /// Whether a TLS client presenting <paramref name="certificate"/> keeps a connection to the port. With TLS 1.3 the
    /// server judges the client's certificate after the client's side of the handshake: a refusal arrives on the first read.
    /// </summary>
    private static async Task<bool> TlsAcceptedAsync(int port, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        try
        {
            using var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, handshake.Token);
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            return await tls.ReadAsync(new byte[1], read.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            // Still open: the server waits for the client's Orleans preamble.
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the port keeps a plain TCP connection that sent it something other than a TLS handshake.</summary>
    private static async Task<bool> PlainTcpAcceptedAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await stream.ReadAsync(new byte[64], read.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IPAddress? OtherLocalAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static async Task<bool> ConnectsAsync(IPAddress address, int port)
    {
        using var tcp = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await tcp.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
