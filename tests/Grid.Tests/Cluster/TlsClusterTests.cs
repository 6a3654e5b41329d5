using System.Net;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grid.Hosting;
using Grid.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Grid.Tests.Cluster;

/// <summary>
/// The cluster transport (issue 17): two silos and an edge on PostgreSQL with certificates from <c>certs create</c> talk
/// over mutual TLS; the gateway and silo ports refuse a client without a certificate, one with a certificate from
/// another CA, and plain TCP, and listen on the configured address only; an edge of another CA, an edge without a
/// certificate and a silo of another CA never join; a cluster member without TLS and without
/// Grid:Orleans:TrustedNetwork refuses to start.
/// </summary>
public sealed partial class TlsClusterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_tls_cluster_works_end_to_end_and_its_ports_refuse_strangers()
    {
        var root = Path.Combine(Path.GetTempPath(), "grid-tls-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cluster = await CreateCertificatesAsync(Path.Combine(root, "cluster"));
            var stranger = await CreateCertificatesAsync(Path.Combine(root, "stranger"));
            if (!OperatingSystem.IsWindows())
            {
                foreach (var file in Directory.GetFiles(cluster.Directory))
                {
                    Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(file)));
                }
            }

            // A certificate not signed by the configured CA, or half a configuration, stops the start with a line naming the keys.
            var mismatched = Assert.Throws<ClusterTransportException>(() => ClusterTransport.Read(Configuration(new Dictionary<string, string>(cluster.Environment)
            {
                ["Grid__Orleans__Tls__CaPath"] = stranger.Environment["Grid__Orleans__Tls__CaPath"],
            })));
            Assert.Contains("is not signed by the CA in Grid:Orleans:Tls:CaPath", mismatched.Message);
            var half = Assert.Throws<ClusterTransportException>(() => ClusterTransport.Read(Configuration(cluster.Environment.Where(e => e.Key != "Grid__Orleans__Tls__CaPath"))));
            Assert.Equal("Cluster TLS needs both Grid:Orleans:Tls:CertificatePath and Grid:Orleans:Tls:CaPath; only one is set.", half.Message);

            // The check both sides run (the edge on the gateway's certificate too): the cluster's members only, not another
            // CA's, not one signed by a forged CA that copies the cluster CA's name.
            Assert.True(cluster.Transport.Admits(cluster.Transport.Certificate!));
            Assert.False(cluster.Transport.Admits(stranger.Transport.Certificate!));
            Assert.False(cluster.Transport.Admits(ForgedMember(cluster.Transport.Authority!.Subject)));

            // The same member certificate as a password-protected PFX.
            var pfx = Path.Combine(root, "member.pfx");
            await File.WriteAllBytesAsync(pfx, cluster.Transport.Certificate!.Export(X509ContentType.Pkcs12, "pfx-secret"));
            var fromPfx = ClusterTransport.Read(Configuration(new Dictionary<string, string>
            {
                ["Grid__Orleans__Tls__CertificatePath"] = pfx,
                ["Grid__Orleans__Tls__CertificatePassword"] = "pfx-secret",
                ["Grid__Orleans__Tls__CaPath"] = cluster.Environment["Grid__Orleans__Tls__CaPath"],
            }));
            Assert.Equal(cluster.Transport.Certificate!.Thumbprint, fromPfx.Certificate!.Thumbprint);
            var wrongPassword = Assert.Throws<ClusterTransportException>(() => ClusterTransport.Read(Configuration(new Dictionary<string, string>
            {
                ["Grid__Orleans__Tls__CertificatePath"] = pfx,
                ["Grid__Orleans__Tls__CertificatePassword"] = "not-it",
                ["Grid__Orleans__Tls__CaPath"] = cluster.Environment["Grid__Orleans__Tls__CaPath"],
            })));
            Assert.StartsWith("Cannot load the certificate in Grid:Orleans:Tls:CertificatePath", wrongPassword.Message);
            Assert.DoesNotContain("not-it", wrongPassword.Message);

            await using var postgres = new PostgresServer();
            await postgres.StartAsync();
            var keys = new TestKeys();
            var common = new Dictionary<string, string>(cluster.Environment)
            {
                ["Grid__Mode"] = "Cluster",
                ["ConnectionStrings__Grid"] = postgres.ConnectionString(),
                ["Grid__Orleans__ClusterId"] = "tls-" + Guid.NewGuid().ToString("N")[..8],
            };
            var siloHttp = FreePort.Next();
            var siloPort = FreePort.Next();
            var gatewayPort = FreePort.Next();
            await using var silo = GridProcess.Start("silo", RepoPaths.SiloDll, new Dictionary<string, string>(common)
            {
                ["Grid__Identity__HashKey"] = keys.HashKey,
                ["Grid__Http__Port"] = siloHttp.ToString(),
                ["Grid__Orleans__SiloPort"] = siloPort.ToString(),
                ["Grid__Orleans__GatewayPort"] = gatewayPort.ToString(),
            });
            await silo.WaitReadyAsync(siloHttp, Wait);

            // A second silo joins over TLS (a joining silo checks its connectivity to every active one first).
            var silo2Http = FreePort.Next();
            await using var silo2 = GridProcess.Start("silo2", RepoPaths.SiloDll, new Dictionary<string, string>(common)
            {
                ["Grid__Identity__HashKey"] = keys.HashKey,
                ["Grid__Http__Port"] = silo2Http.ToString(),
                ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
                ["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString(),
            });
            await silo2.WaitReadyAsync(silo2Http, Wait);
            Assert.Equal(2, await ActiveSilosAsync(postgres));
            var edgeHttp = FreePort.Next();
            var edgeGrpc = FreePort.Next();
            await using var edge = GridProcess.Start("edge", RepoPaths.EdgeDll, new Dictionary<string, string>(common.Concat(keys.Environment()).Where(e => e.Key != "Grid__Identity__HashKey"))
            {
                ["Grid__Http__Port"] = edgeHttp.ToString(),
                ["Grid__Grpc__Port"] = edgeGrpc.ToString(),
            });
            await edge.WaitReadyAsync(edgeHttp, Wait);

            // Posts and reads through the edge (conversations land on both silos), whose gateway connection is TLS with the member certificate.
            await using var integrator = new IntegratorClient(edgeGrpc, keys.ApiKey);
            for (var i = 0; i < 6; i++)
            {
                var posted = await integrator.PostSmsAsync($"+3361400000{i}", $"tls-{i}", $"Bonjour, ma facture {i} ?");
                var entries = await integrator.ListAllAsync(posted.ConversationId);
                Assert.Contains(entries, e => e.Kind == Protos.V1.EntryKind.CustomerMessage && e.Text == $"Bonjour, ma facture {i} ?");
            }

            // The member certificate is let in (control); no certificate, another CA's certificate and plain TCP are not.
            var member = cluster.Transport.Certificate!;
            var foreign = stranger.Transport.Certificate!;
            foreach (var port in new[] { gatewayPort, siloPort })
            {
                Assert.True(await TlsAcceptedAsync(port, member), $"port {port} refused the member certificate\n{silo.Tail()}");
                Assert.False(await TlsAcceptedAsync(port, null), $"port {port} accepted a client without a certificate");
                Assert.False(await TlsAcceptedAsync(port, foreign), $"port {port} accepted a certificate from another CA");
                Assert.False(await PlainTcpAcceptedAsync(port), $"port {port} answered plain TCP");
            }

            // The silo logged the refused certificate (subject and thumbprint), and how it is secured.
            Assert.True(await EventuallyAsync(() => silo.Output.Contains($"refused a certificate that does not chain to the cluster's CA: CN=grid-member ({foreign.Thumbprint})", StringComparison.Ordinal)),
                $"no refusal logged\n{silo.Tail()}");
            Assert.Contains($"Cluster transport: mutual TLS with certificate CN=grid-member ({member.Thumbprint}", silo.Output);

            // An edge of another CA never joins: the gateway refuses it (and it refuses the gateway).
            var strangerHttp = FreePort.Next();
            await using var strangerEdge = GridProcess.Start("stranger-edge", RepoPaths.EdgeDll, new Dictionary<string, string>(common.Concat(keys.Environment()).Where(e => e.Key != "Grid__Identity__HashKey"))
            {
                ["Grid__Orleans__Tls__CertificatePath"] = stranger.Environment["Grid__Orleans__Tls__CertificatePath"],
                ["Grid__Orleans__Tls__KeyPath"] = stranger.Environment["Grid__Orleans__Tls__KeyPath"],
                ["Grid__Orleans__Tls__CaPath"] = stranger.Environment["Grid__Orleans__Tls__CaPath"],
                ["Grid__Http__Port"] = strangerHttp.ToString(),
                ["Grid__Grpc__Port"] = FreePort.Next().ToString(),
            });
            // Nor does an edge without a certificate (plain TCP, told it runs on a trusted network), nor a silo of another CA
            // (it cannot pass the joining silo's connectivity check, so it never becomes active).
            var plainHttp = FreePort.Next();
            await using var plainEdge = GridProcess.Start("plain-edge", RepoPaths.EdgeDll, new Dictionary<string, string>(
                common.Concat(keys.Environment()).Where(e => e.Key != "Grid__Identity__HashKey" && !e.Key.StartsWith("Grid__Orleans__Tls__", StringComparison.Ordinal)))
            {
                ["Grid__Orleans__TrustedNetwork"] = "true",
                ["Grid__Http__Port"] = plainHttp.ToString(),
                ["Grid__Grpc__Port"] = FreePort.Next().ToString(),
            });
            var foreignSiloHttp = FreePort.Next();
            await using var foreignSilo = GridProcess.Start("stranger-silo", RepoPaths.SiloDll, new Dictionary<string, string>(common)
            {
                ["Grid__Orleans__Tls__CertificatePath"] = stranger.Environment["Grid__Orleans__Tls__CertificatePath"],
                ["Grid__Orleans__Tls__KeyPath"] = stranger.Environment["Grid__Orleans__Tls__KeyPath"],
                ["Grid__Orleans__Tls__CaPath"] = stranger.Environment["Grid__Orleans__Tls__CaPath"],
                ["Grid__Identity__HashKey"] = keys.HashKey,
                ["Grid__Http__Port"] = foreignSiloHttp.ToString(),
                ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
                ["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString(),
            });
            await Task.WhenAll(
                Assert.ThrowsAsync<TimeoutException>(() => strangerEdge.WaitReadyAsync(strangerHttp, TimeSpan.FromSeconds(15))),
                Assert.ThrowsAnyAsync<Exception>(() => plainEdge.WaitReadyAsync(plainHttp, TimeSpan.FromSeconds(15))),
                Assert.ThrowsAnyAsync<Exception>(() => foreignSilo.WaitReadyAsync(foreignSiloHttp, TimeSpan.FromSeconds(15))));
            Assert.Contains("Cluster transport: mutual TLS", strangerEdge.Output);
            Assert.Equal(2, await ActiveSilosAsync(postgres));

                        // Listening on the advertised address (127.0.0.1), not on every interface.
            if (OtherLocalAddress() is { } other)
            {
                Assert.False(await ConnectsAsync(other, gatewayPort), $"the gateway port listens on {other}");
                Assert.False(await ConnectsAsync(other, siloPort), $"the silo port listens on {other}");
            }

            Assert.DoesNotContain("BEGIN PRIVATE KEY", silo.Output + edge.Output);
            Assert.False(silo.HasExited || silo2.HasExited);
            Assert.Equal(2, await ActiveSilosAsync(postgres));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_silo_or_edge_without_tls_or_a_trusted_network_refuses_to_start()
    {
        var keys = new TestKeys();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Grid"] = "Host=127.0.0.1;Port=1;Username=grid;Password=grid;Database=grid",
            ["Grid__Http__Port"] = FreePort.Next().ToString(),
            ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString(),
        };
        await using var silo = GridProcess.Start("open-silo", RepoPaths.SiloDll, new Dictionary<string, string>(common)
        {
            ["Grid__Mode"] = "Cluster",
            ["Grid__Identity__HashKey"] = keys.HashKey,
        });
        await using var edge = GridProcess.Start("open-edge", RepoPaths.EdgeDll, new Dictionary<string, string>(common.Concat(keys.Environment()).Where(e => e.Key != "Grid__Identity__HashKey"))
        {
            ["Grid__Grpc__Port"] = FreePort.Next().ToString(),
        });

        foreach (var host in new[] { silo, edge })
        {
            Assert.NotEqual(0, await host.WaitForExitAsync(Wait));
            var line = Assert.Single(host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal(ClusterTransport.Refusal, line);
            Assert.Contains("Grid:Orleans:Tls:CertificatePath", line);
            Assert.Contains("Grid:Orleans:TrustedNetwork=true", line);
        }
    }

    private static async Task<long> ActiveSilosAsync(PostgresServer postgres)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM grid_membership WHERE status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A member certificate signed by a self-made CA named <paramref name="caSubject"/>.</summary>
    private static X509Certificate2 ForgedMember(string caSubject)
    {
        using var caKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(caSubject, caKey, System.Security.Cryptography.HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=grid-member", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), [1, 2, 3, 4]);
    }

    private static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string>> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build();

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    private sealed record Certificates(string Directory, Dictionary<string, string> Environment, ClusterTransport Transport);

    /// <summary>Runs <c>certs create</c> (the documented command) and reads back the settings it prints.</summary>
    private static async Task<Certificates> CreateCertificatesAsync(string directory)
    {
        await using var command = GridProcess.Start("certs", RepoPaths.SiloDll, new Dictionary<string, string>(), "certs", "create", "--out", directory, "--hosts", "127.0.0.1,localhost");
        Assert.Equal(0, await command.WaitForExitAsync(Wait));
        var environment = command.Output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("Grid__Orleans__Tls__", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["Grid__Orleans__Tls__CaPath", "Grid__Orleans__Tls__CertificatePath", "Grid__Orleans__Tls__KeyPath"], environment.Keys.Order());
        return new Certificates(directory, environment, ClusterTransport.Read(Configuration(environment)));
    }
}
