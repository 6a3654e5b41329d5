using System.Threading.Channels;
using Grid.Edge.WebChat;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Infrastructure;

/// <summary>A real SignalR client of the visitors' ChatHub, as the web chat widget would be.</summary>
public sealed class VisitorConnection : IAsyncDisposable
{
    private VisitorConnection(HubConnection hub, string visitorId)
    {
        Hub = hub;
        VisitorId = visitorId;
    }

    public HubConnection Hub { get; }

    public string VisitorId { get; }

    public Channel<ChatEntry> Messages { get; } = System.Threading.Channels.Channel.CreateUnbounded<ChatEntry>();

    /// <summary>A fresh visitor id, as the widget draws one.</summary>
    public static string NewVisitorId() => "v_" + Guid.NewGuid().ToString("N");

    /// <summary>Connects (throws what StartAsync throws when the hub refuses). <paramref name="origin"/> null: no Origin header.</summary>
    public static async Task<VisitorConnection> ConnectAsync(int httpPort, string widgetKey, string visitorId, string? origin)
    {
        var url = $"http://127.0.0.1:{httpPort}/hubs/chat?widget={Uri.EscapeDataString(widgetKey)}&visitor={Uri.EscapeDataString(visitorId)}";
        var hub = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            })
            .Build();
        var connection = new VisitorConnection(hub, visitorId);
        hub.On<ChatEntry>(nameof(IChatClient.Message), e => connection.Messages.Writer.TryWrite(e));
        try
        {
            await hub.StartAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }

        return connection;
    }

    public Task<ChatStart> StartAsync() => Hub.InvokeAsync<ChatStart>("Start");

    public Task<ChatSent> SendAsync(string clientMessageId, string text) => Hub.InvokeAsync<ChatSent>("Send", clientMessageId, text);

    /// <summary>The next pushed line matching <paramref name="match"/>, skipping others (they are returned in <paramref name="skipped"/>).</summary>
    public async Task<ChatEntry> NextAsync(Func<ChatEntry, bool> match, TimeSpan timeout, List<ChatEntry>? skipped = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var entry = await Messages.Reader.ReadAsync(cts.Token);
                if (match(entry))
                {
                    return entry;
                }

                skipped?.Add(entry);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching line pushed to visitor within {timeout}.");
        }
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
