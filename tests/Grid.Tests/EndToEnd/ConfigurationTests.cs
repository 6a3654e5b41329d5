using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// A configuration that cannot work stops the process at start with exit code 1 and one line naming the key (no
/// unhandled exception, no stack trace).
/// </summary>
public sealed class ConfigurationTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Grid__Integrators__shop__Tenant", "Shop", "Grid:Integrators:shop:Tenant is not a lowercase slug")]
    [InlineData("Grid__Grpc__Port", "70000", "Grid:Grpc:Port must be 1-65535 (it is 70000)")]
    [InlineData("Grid__Limits__AttachmentSchemes__0", "javascript", "Grid:Limits:AttachmentSchemes:0 ('javascript') cannot be accepted")]
    [InlineData("Grid__Integrators__shop__Scopes__0", "superuser", "Grid:Integrators:shop:Scopes:0 ('superuser') is not a scope: one of ingest, outbound, read, admin")]
    [InlineData("Grid__Proactive__MaxShare", "0", "Grid:Proactive:MaxShare is 0: give a share of time from 0.05 to 1")]
    public async Task An_embedded_host_with_an_invalid_setting_does_not_start(string variable, string value, string expected)
    {
        var keys = new TestKeys();
        var dataDir = Path.Combine(Path.GetTempPath(), "grid-config-" + Guid.NewGuid().ToString("N"));
        var environment = keys.Environment();
        environment["Grid__DataDir"] = dataDir;
        environment["Grid__Http__Port"] = FreePort.Next().ToString();
        environment["Grid__Grpc__Port"] = FreePort.Next().ToString();
        environment["Grid__Orleans__SiloPort"] = FreePort.Next().ToString();
        environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();
        environment["Grid__Integrators__shop__Tenant"] = "shop";
        environment["Grid__Integrators__shop__ApiKey"] = "key-shop-" + Guid.NewGuid();
        environment[variable] = value;
        try
        {
            await using var host = GridProcess.Start("misconfigured", RepoPaths.SiloDll, environment);
            Assert.Equal(1, await host.WaitForExitAsync(ExitWithin));
            Assert.Contains(expected, host.Output);
            AssertOneLine(host.Output);
            Assert.DoesNotContain(environment["Grid__Integrators__shop__ApiKey"], host.Output);
            Assert.DoesNotContain(keys.SigningKey, host.Output);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_edge_without_a_signing_key_does_not_start()
    {
        var keys = new TestKeys();
        var environment = keys.Environment();
        environment.Remove("Grid__Auth__SigningKey");
        environment["Grid__Http__Port"] = FreePort.Next().ToString();
        environment["Grid__Grpc__Port"] = FreePort.Next().ToString();
        environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();

        await using var edge = GridProcess.Start("edge-without-key", RepoPaths.EdgeDll, environment);
        Assert.Equal(1, await edge.WaitForExitAsync(ExitWithin));
        Assert.Contains("Grid:Auth:SigningKey is not configured", edge.Output);
        AssertOneLine(edge.Output);
        Assert.DoesNotContain(keys.HashKey, edge.Output);
    }

    private static void AssertOneLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line:\n{output}");
        Assert.StartsWith("Grid cannot start: ", lines[0]);
    }
}
