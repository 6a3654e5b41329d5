using System.Threading.Channels;
using Grid.Edge.Agents;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Infrastructure;

/// <summary>A real SignalR client of the AgentHub, as an agent's desk would be.</summary>
public sealed class AgentConnection : IAsyncDisposable
{
    private AgentConnection(HubConnection hub) => Hub = hub;

    public HubConnection Hub { get; }

    public Channel<OfferDto> Offers { get; } = System.Threading.Channels.Channel.CreateUnbounded<OfferDto>();

    public Channel<EntryDto> Entries { get; } = System.Threading.Channels.Channel.CreateUnbounded<EntryDto>();

    public Channel<string> Withdrawn { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public Channel<string> Typing { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public Channel<ConversationDto> Updates { get; } = System.Threading.Channels.Channel.CreateUnbounded<ConversationDto>();

    public static async Task<AgentConnection> ConnectAsync(int httpPort, string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{httpPort}/hubs/agent", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var connection = new AgentConnection(hub);
        hub.On<OfferDto>(nameof(IAgentClient.ReceiveOffer), o => connection.Offers.Writer.TryWrite(o));
        hub.On<EntryDto>(nameof(IAgentClient.ReceiveEntry), e => connection.Entries.Writer.TryWrite(e));
        hub.On<string, string>(nameof(IAgentClient.OfferWithdrawn), (c, _) => connection.Withdrawn.Writer.TryWrite(c));
        hub.On<string>(nameof(IAgentClient.CustomerTyping), c => connection.Typing.Writer.TryWrite(c));
        hub.On<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => connection.Updates.Writer.TryWrite(c));
        await hub.StartAsync();
        return connection;
    }

    public async Task<OfferDto> NextOfferAsync(TimeSpan timeout) => await Next(Offers, timeout, "offer");

    public async Task<string> NextTypingAsync(TimeSpan timeout) => await Next(Typing, timeout, "typing notice");

    /// <summary>The next pushed conversation update matching <paramref name="match"/>, skipping others.</summary>
    public async Task<ConversationDto> NextUpdateAsync(Func<ConversationDto, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var update = await Next(Updates, deadline - DateTime.UtcNow, "conversation update");
            if (match(update))
            {
                return update;
            }
        }
    }

    /// <summary>The next live entry matching <paramref name="match"/>, skipping others.</summary>
    public async Task<EntryDto> NextEntryAsync(Func<EntryDto, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var entry = await Next(Entries, deadline - DateTime.UtcNow, "entry");
            if (match(entry))
            {
                return entry;
            }
        }
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    private static async Task<T> Next<T>(Channel<T> channel, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        try
        {
            return await channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} pushed within {timeout}.");
        }
    }
}
