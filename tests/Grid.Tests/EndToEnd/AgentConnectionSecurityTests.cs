using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// The agents' hub against a real host: a browser page of a foreign origin cannot connect (403) while Grid's own origin,
/// a configured one and clients that send no Origin can; a connection ends when its token expires.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class AgentConnectionSecurityTests(EmbeddedGridFixture fixture)
{
    private EmbeddedGrid Grid => fixture.Grid;

    private async Task<HubConnection> ConnectAsync(string token, string? origin)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{Grid.HttpPort}/hubs/agent", o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }

    [Fact]
    public async Task Only_grids_own_or_configured_origins_may_connect_from_a_browser()
    {
        var token = Grid.Keys.Token(Grid.Keys.Tenant, "origin-agent");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(token, "https://evil.example"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);

        await using var own = await ConnectAsync(token, $"http://127.0.0.1:{Grid.HttpPort}");
        await using var configured = await ConnectAsync(token, "https://desk.example.com");
        await using var notBrowser = await ConnectAsync(token, null);
        Assert.All(new[] { own, configured, notBrowser }, h => Assert.Equal(HubConnectionState.Connected, h.State));
    }

    [Fact]
    public async Task A_connection_ends_when_its_token_expires()
    {
        var token = Edge.Auth.AgentTokens.Mint(new Edge.AuthOptions { SigningKey = Grid.Keys.SigningKey }, Grid.Keys.Tenant, "expiring", "Expiring", "agent", TimeSpan.FromSeconds(3));
        await using var hub = await ConnectAsync(token, null);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        Assert.Equal(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }
}
