using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// Per-caller limits on a host of its own with small ones: an API key beyond its calls per second gets
/// RESOURCE_EXHAUSTED with a retry-after-ms trailer and works again after it, while the integrator's other key is served; an agent connection beyond its calls gets
/// "rate_limited"; a third outbound stream of one integrator and an agent's connection beyond its count are refused; an
/// address beyond its requests a minute to the endpoints anyone may call gets 429 with Retry-After.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Callers_beyond_their_limits_are_told_when_to_retry_and_nothing_else_is_affected()
    {
        await using var grid = new EmbeddedGrid();
        var secondKey = "key-second-" + Guid.NewGuid().ToString("N");
        await grid.StartAsync(new Dictionary<string, string>
        {
            [$"Grid__Integrators__{grid.Keys.Integrator}__ApiKeysSha256__0"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secondKey))),
            ["Grid__RateLimits__IntegratorPerSecond"] = "10",
            ["Grid__RateLimits__IntegratorBurst"] = "10",
            ["Grid__RateLimits__AgentPerSecond"] = "10",
            ["Grid__RateLimits__AgentBurst"] = "5",
            ["Grid__RateLimits__StreamsPerIntegrator"] = "2",
            ["Grid__RateLimits__ConnectionsPerAgent"] = "2",
            ["Grid__RateLimits__AnonymousPerMinute"] = "5",
        });

        // Endpoints anyone may call: 5 a minute from this address, then 429 with Retry-After.
        using (var http = new HttpClient())
        {
            var statuses = new List<System.Net.HttpStatusCode>();
            HttpResponseMessage? limited = null;
            for (var i = 0; i < 8; i++)
            {
                var response = await http.GetAsync($"http://127.0.0.1:{grid.HttpPort}/desk/config");
                statuses.Add(response.StatusCode);
                limited ??= response.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? response : null;
            }

            Assert.Equal(5, statuses.Count(s => s == System.Net.HttpStatusCode.OK));
            Assert.NotNull(limited);
            Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{grid.HttpPort}/metrics")).StatusCode); // not anonymous-limited
        }
        await using var integrator = grid.Integrator();

        // gRPC: the burst passes, the next calls are refused with when to retry.
        var refusals = new List<RpcException>();
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await integrator.PostSmsAsync("+33617000001", $"rl-{i}", $"message {i}");
            }
            catch (RpcException e)
            {
                refusals.Add(e);
            }
        }

        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Equal(StatusCode.ResourceExhausted, r.StatusCode));
        var wait = long.Parse(refusals[0].Trailers.GetValue("retry-after-ms")!);
        Assert.InRange(wait, 1, 2000);
        Assert.Contains("retry in", refusals[0].Status.Detail);
        Assert.Contains("this API key of integrator", refusals[0].Status.Detail);
        // Budgets are per key: the integrator's other key is served while the first one waits.
        await using (var other = grid.Integrator(secondKey))
        {
            await other.PostSmsAsync("+33617000001", "rl-other-key", "through the other key");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(wait + 1000));
        await integrator.PostSmsAsync("+33617000001", "rl-after", "after the wait");

        // Outbound streams: two open, the third refused.
        await using var first = integrator.OpenOutbound();
        await using var second = integrator.OpenOutbound();
        await Task.Delay(500);
        await using var third = integrator.OpenOutbound();
        var streamRefused = await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(async () => await third.NextAsync(TimeSpan.FromSeconds(10)));
        var cause = Assert.IsType<RpcException>(streamRefused.InnerException);
        Assert.Equal(StatusCode.ResourceExhausted, cause.StatusCode);
        Assert.Contains("already holds 2 outbound streams", cause.Status.Detail);

        // The agents' hub: calls beyond the connection's bucket are refused; connections beyond the count too.
        var token = grid.Keys.Token(grid.Keys.Tenant, "busy");
        await using var agent = await AgentConnection.ConnectAsync(grid.HttpPort, token);
        var hubRefusals = 0;
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await agent.Hub.InvokeAsync<Edge.Agents.AgentDto>("SetPresence", i % 2 == 0 ? "Available" : "Away");
            }
            catch (HubException e) when (e.Message.Contains("rate_limited", StringComparison.Ordinal))
            {
                hubRefusals++;
            }
        }

        Assert.InRange(hubRefusals, 1, 29);
        await using var secondTab = await AgentConnection.ConnectAsync(grid.HttpPort, token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var extra = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{grid.HttpPort}/hubs/agent", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        extra.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        try
        {
            await extra.StartAsync();
            Assert.Equal(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or HttpRequestException)
        {
            // refused during the handshake: as good as closed at once
        }

        await extra.DisposeAsync();
    }
}
