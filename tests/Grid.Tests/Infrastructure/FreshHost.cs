using System.Text.Json;

namespace Grid.Tests.Infrastructure;

/// <summary>An embedded host on a new data directory with only ports (and <c>extra</c>) configured.</summary>
public sealed class FreshHost : IAsyncDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "grid-fresh-" + Guid.NewGuid().ToString("N"));
    private readonly int httpPort = FreePort.Next();
    private readonly int grpcPort = FreePort.Next();
    private GridProcess? host;

    public string DataDir => dataDir;

    public static async Task<FreshHost> StartAsync(Dictionary<string, string> extra)
    {
        var fresh = new FreshHost();
        var environment = new Dictionary<string, string>(extra)
        {
            ["Grid__DataDir"] = fresh.dataDir,
            ["Grid__Http__Port"] = fresh.httpPort.ToString(),
            ["Grid__Grpc__Port"] = fresh.grpcPort.ToString(),
            ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString(),
        };
        fresh.host = GridProcess.Start("fresh", RepoPaths.SiloDll, environment);
        try
        {
            await fresh.host.WaitReadyAsync(fresh.httpPort, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await fresh.DisposeAsync();
            throw;
        }

        return fresh;
    }

    /// <summary>The demo-gateway key the host generated into dev-credentials.json.</summary>
    public string DemoApiKey() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDir, "dev-credentials.json"))).RootElement.GetProperty("demoApiKey").GetString()!;

    /// <summary>Whether a call with this key gets past authentication (a read of an unknown conversation answers NOT_FOUND).</summary>
    public async Task<bool> AuthenticatesAsync(string apiKey)
    {
        await using var integrator = new IntegratorClient(grpcPort, apiKey);
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => integrator.GetConversationAsync("cnv_none"));
        Assert.True(error.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.Unauthenticated, error.Status.ToString());
        return error.StatusCode == Grpc.Core.StatusCode.NotFound;
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the dying process: the temp directory is cleaned by the OS
        }
    }
}
