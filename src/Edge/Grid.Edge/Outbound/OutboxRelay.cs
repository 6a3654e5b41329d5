using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Outbound;

/// <summary>
/// The edge's one outbox observer. Streams register here; the relay subscribes to each outbox grain that has a
/// local stream, refreshes the subscriptions on a timer and wakes the streams when a hint arrives.
/// </summary>
public sealed class OutboxRelay(IGrainFactory grains, ILogger<OutboxRelay> logger) : BackgroundService, IOutboxObserver
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(45);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action<IReadOnlyList<OutboundMessage>>>> streams = new(StringComparer.Ordinal);
    private IOutboxObserver? reference;

    /// <summary>
    /// Registers a stream's wake-up action for an outbox (it receives the hinted messages: new ones, or dead letters put
    /// back by a retry); dispose the result when the stream ends.
    /// </summary>
    public async Task<IAsyncDisposable> RegisterAsync(string outboxKey, Action<IReadOnlyList<OutboundMessage>> wake)
    {
        var id = Guid.NewGuid();
        streams.GetOrAdd(outboxKey, _ => new()).TryAdd(id, wake);
        await grains.GetGrain<IOutboxGrain>(outboxKey).SubscribeAsync(Reference());
        return new Registration(this, outboxKey, id);
    }

    public void OnOutbound(string outboxKey, IReadOnlyList<OutboundMessage> messages)
    {
        if (streams.TryGetValue(outboxKey, out var wakes))
        {
            foreach (var wake in wakes.Values)
            {
                wake(messages);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (key, wakes) in streams)
            {
                if (wakes.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await grains.GetGrain<IOutboxGrain>(key).SubscribeAsync(Reference());
                }
                catch (Exception ex) when (EdgeFaults.IsTransient(ex))
                {
                    logger.LogWarning(ex, "Refreshing the outbox subscription {Outbox} failed; streams keep polling", key);
                }
            }
        }
    }

    private IOutboxObserver Reference() => reference ??= grains.CreateObjectReference<IOutboxObserver>(this);

    private async Task UnregisterAsync(string outboxKey, Guid id)
    {
        if (streams.TryGetValue(outboxKey, out var wakes) && wakes.TryRemove(id, out _) && wakes.IsEmpty)
        {
            try
            {
                await grains.GetGrain<IOutboxGrain>(outboxKey).UnsubscribeAsync(Reference());
            }
            catch (Exception ex) when (EdgeFaults.IsTransient(ex))
            {
                logger.LogInformation(ex, "Unsubscribing from outbox {Outbox} failed; the subscription will expire", outboxKey);
            }
        }
    }

    private sealed class Registration(OutboxRelay relay, string outboxKey, Guid id) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(relay.UnregisterAsync(outboxKey, id));
    }
}
