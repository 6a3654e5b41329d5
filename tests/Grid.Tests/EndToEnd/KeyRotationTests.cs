using System.Diagnostics;
using System.Text.RegularExpressions;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// API keys rotated without downtime: `keys create` prints a key once with the line holding its digest; an integrator
/// configured with its old key and the new digest authenticates with both; once the old key is removed it is refused
/// while the new one goes on working.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task An_integrator_works_with_its_old_and_new_keys_during_a_rotation_then_only_the_new()
    {
        var (key, line) = await CreateKeyAsync("rot-gw");
        Assert.StartsWith("grid_", key);
        var match = Regex.Match(line, "^Grid__Integrators__rot-gw__ApiKeysSha256__0=([0-9a-f]{64})$");
        Assert.True(match.Success, line);
        const string oldKey = "the-old-key-of-rot-gw-0123456789";

        await using var grid = new EmbeddedGrid();
        await grid.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Integrators__rot-gw__Tenant"] = "rotation",
            ["Grid__Integrators__rot-gw__ApiKey"] = oldKey,
            ["Grid__Integrators__rot-gw__ApiKeysSha256__0"] = match.Groups[1].Value,
        });
        await using (var old = new IntegratorClient(grid.GrpcPort, oldKey))
        await using (var fresh = new IntegratorClient(grid.GrpcPort, key))
        {
            var first = await old.PostSmsAsync("+33614000001", "rot-1", "avec l'ancienne clé");
            var second = await fresh.PostSmsAsync("+33614000001", "rot-2", "avec la nouvelle");
            Assert.Equal(first.ConversationId, second.ConversationId); // one integrator, one tenant
        }

        await grid.KillAsync();
        await grid.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Integrators__rot-gw__Tenant"] = "rotation",
            ["Grid__Integrators__rot-gw__ApiKeysSha256__0"] = match.Groups[1].Value,
        });
        await using (var old = new IntegratorClient(grid.GrpcPort, oldKey))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => old.PostSmsAsync("+33614000001", "rot-3", "encore l'ancienne"));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        await using var current = new IntegratorClient(grid.GrpcPort, key);
        await current.PostSmsAsync("+33614000001", "rot-4", "la nouvelle seule");
        Assert.DoesNotContain(key, grid.Process.Output);
    }

    private static async Task<(string Key, string Line)> CreateKeyAsync(string integrator)
    {
        var info = new ProcessStartInfo("dotnet", [RepoPaths.SiloDll, "keys", "create", "--integrator", integrator])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines[0][(lines[0].LastIndexOf(' ') + 1)..], lines.Single(l => l.StartsWith("Grid__Integrators__", StringComparison.Ordinal)));
    }
}
