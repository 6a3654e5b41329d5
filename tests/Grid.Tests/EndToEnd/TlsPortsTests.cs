using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grid.Tests.Infrastructure;
using Grpc.Net.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// Grid:Tls on a real embedded host: with a certificate both ports speak only TLS (an integrator posts over gRPC with
/// TLS, /readyz answers over HTTPS) and plaintext is refused.
/// </summary>
public sealed class TlsPortsTests
{
    [Fact]
    public async Task With_a_certificate_both_ports_serve_tls_only()
    {
        var directory = Directory.CreateTempSubdirectory("grid-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=grid-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var pfx = Path.Combine(directory, "grid.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));

            var keys = new TestKeys();
            var httpPort = FreePort.Next();
            var grpcPort = FreePort.Next();
            var environment = keys.Environment();
            environment["Grid__DataDir"] = Path.Combine(directory, "data");
            environment["Grid__Http__Port"] = httpPort.ToString();
            environment["Grid__Grpc__Port"] = grpcPort.ToString();
            environment["Grid__Orleans__SiloPort"] = FreePort.Next().ToString();
            environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();
            environment["Grid__Tls__CertificatePath"] = pfx;
            environment["Grid__Tls__CertificatePassword"] = "pfx-password";
            await using var host = GridProcess.Start("tls", RepoPaths.SiloDll, environment);

            using var trusting = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var https = new HttpClient(trusting, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpStatusCode? status = null;
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                try
                {
                    status = (await https.GetAsync($"https://127.0.0.1:{httpPort}/readyz")).StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or a starting host too busy to finish the handshake in the client's 5 s: ask again.
                    await Task.Delay(300);
                }
            }

            Assert.True(status == HttpStatusCode.OK, $"/readyz over HTTPS: {status}\n{host.Output}");
            using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{httpPort}/readyz"));

            using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{grpcPort}", new GrpcChannelOptions { HttpHandler = trusting });
            var ingest = new Protos.V1.IngestService.IngestServiceClient(channel);
            var posted = await ingest.PostInboundAsync(
                new Protos.V1.PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = "+33616000001", ExternalId = "tls-1", Text = "bonjour" },
                new Grpc.Core.Metadata { { "x-api-key", keys.ApiKey } });
            Assert.StartsWith("cnv_", posted.ConversationId);

            using var plainChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new Protos.V1.IngestService.IngestServiceClient(plainChannel).PostInboundAsync(
                new Protos.V1.PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = "+33616000001", ExternalId = "tls-2", Text = "bonjour" },
                new Grpc.Core.Metadata { { "x-api-key", keys.ApiKey } }).ResponseAsync);
            Assert.DoesNotContain("pfx-password", host.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
