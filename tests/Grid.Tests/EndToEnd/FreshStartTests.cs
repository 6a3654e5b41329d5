using System.Diagnostics;
using System.Text.Json;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// What a new user gets from `dotnet run --project src/Silo` with nothing configured: development credentials
/// generated in the data directory, a demo integrator key for tenant "demo", and the token command.
/// </summary>
public sealed class FreshStartTests
{
    [Fact]
    public async Task An_unconfigured_embedded_host_generates_credentials_that_the_token_command_and_clients_use()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "grid-fresh-" + Guid.NewGuid().ToString("N"));
        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Grid__DataDir"] = dataDir,
            ["Grid__Http__Port"] = httpPort.ToString(),
            ["Grid__Grpc__Port"] = grpcPort.ToString(),
            ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Grid__Orleans__GatewayPort"] = gatewayPort.ToString(),
        };
        try
        {
            await using var host = GridProcess.Start("fresh", RepoPaths.SiloDll, environment);
            await host.WaitReadyAsync(httpPort, TimeSpan.FromSeconds(60));

            // Before any traffic, every series is published at zero for dashboards and alerts.
            using (var http = new HttpClient())
            {
                var metrics = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics");
                Assert.Contains("grid_offers_total{outcome=\"accepted\"} 0", metrics);
                Assert.Contains("grid_agents{presence=\"available\"} 0", metrics);
                Assert.Contains("grid_inbound_messages_total{channel=\"whatsapp\",outcome=\"appended\"} 0", metrics);
                Assert.Contains("grid_ingest_latency_seconds_count{channel=\"email\"} 0", metrics);
            }

            // The edge is in the process: no Orleans gateway listens, so no local process can join as a client past the keys.
            using (var probe = new System.Net.Sockets.TcpClient())
            {
                var refused = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(System.Net.IPAddress.Loopback, gatewayPort));
                Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);
            }

            var credentialsPath = Path.Combine(dataDir, "dev-credentials.json");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentialsPath));
            }

            var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(credentialsPath)).RootElement;
            var apiKey = credentials.GetProperty("demoApiKey").GetString()!;
            Assert.DoesNotContain(apiKey, host.Output);

            var token = await RunTokenCommandAsync(dataDir);
            Assert.DoesNotContain(token, host.Output);

            await using var integrator = new IntegratorClient(grpcPort, apiKey);
            await using var agent = await AgentConnection.ConnectAsync(httpPort, token);
            await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", "Available");
            var posted = await integrator.PostSmsAsync("+33700000001", "fresh-1", "Bonjour, je voudrais parler à un conseiller");
            var offer = await agent.NextOfferAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(posted.ConversationId, offer.Conversation.ConversationId);
            Assert.DoesNotContain("conseiller", host.Output);
            Assert.DoesNotContain("+33700000001", host.Output);

            // The demo directory is seeded in the background: an email from a personal mailbox quoting one of its
            // invoices is identified as that customer.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string identified;
            var attempt = 0;
            do
            {
                identified = (await integrator.PostAsync(new Protos.V1.PostInboundRequest
                {
                    Channel = Protos.V1.Channel.Email, Sender = $"lucie.{attempt}@example.net", ExternalId = $"fresh-mail-{attempt++}",
                    Text = "Bonjour, sur la facture INV 2026 00123 le prix a changé.", Email = new Protos.V1.EmailHeaders { Subject = "Facture" },
                })).CustomerId;
            }
            while (identified != "cus-marchal" && DateTime.UtcNow < deadline && await Task.Delay(500).ContinueWith(_ => true));
            Assert.Equal("cus-marchal", identified);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_key_keeps_working_beside_configured_integrators()
    {
        var shopKey = "key-shop-" + Guid.NewGuid().ToString("N");
        await using var fresh = await FreshHost.StartAsync(new()
        {
            ["Grid__Integrators__shop__Tenant"] = "shop",
            ["Grid__Integrators__shop__ApiKey"] = shopKey,
        });

        Assert.True(await fresh.AuthenticatesAsync(fresh.DemoApiKey()), "the generated demo-gateway key is refused");
        Assert.True(await fresh.AuthenticatesAsync(shopKey), "the configured key is refused");
        Assert.False(await fresh.AuthenticatesAsync("key-nobody"));
    }

    [Fact]
    public async Task A_configured_demo_gateway_replaces_the_generated_key()
    {
        var ownKey = "key-demo-" + Guid.NewGuid().ToString("N");
        await using var fresh = await FreshHost.StartAsync(new()
        {
            ["Grid__Integrators__demo-gateway__Tenant"] = "demo",
            ["Grid__Integrators__demo-gateway__ApiKey"] = ownKey,
        });

        Assert.False(await fresh.AuthenticatesAsync(fresh.DemoApiKey()), "the generated key still works");
        Assert.True(await fresh.AuthenticatesAsync(ownKey));
    }

    private static async Task<string> RunTokenCommandAsync(string dataDir)
    {
        var info = new ProcessStartInfo("dotnet", [RepoPaths.SiloDll, "token", "--tenant", "demo", "--agent", "alice", "--name", "Alice Martin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Grid__DataDir"] = dataDir;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }
}
