using Grid.Edge.Outbound;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.WebChat;

/// <summary>
/// Delivers the web chat's outbox (tenant/webchat, one per tenant with widgets) to visitors' connections on this edge.
/// Every edge reads every row: woken by the outbox grain's hints through <see cref="OutboxRelay"/> (which reach every
/// edge) and polling every 2 seconds, it pushes each new row to the visitor's SignalR group on this edge, if the visitor
/// has a connection here. A row is acknowledged 10 seconds after it was written, by every edge that read it (the ack is
/// idempotent), whether a visitor was connected or not: by then every live edge has pushed it to its own connections.
/// The journal is the truth: a visitor connected nowhere, or whose edge missed the push, gets the line from
/// <c>Start</c>'s history when the page loads or reconnects. A full pass over the pending rows every 10 seconds catches
/// rows committed after a later row was read (PostgreSQL assigns ids at insert) and acknowledges old ones.
/// </summary>
public sealed class WebChatDelivery(
    IGrainFactory grains, OutboxRelay relay, Widgets widgets, VisitorConnections connections, ChatEntries entries,
    IHubContext<ChatHub, IChatClient> hub, TimeProvider clock, ILogger<WebChatDelivery> logger) : BackgroundService
{
    /// <summary>How long a row stays pending for the other edges to read it.</summary>
    public static readonly TimeSpan AckAfter = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FullPass = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private const int Page = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(widgets.Tenants.Select(tenant => RunAsync(tenant, stoppingToken)));

    private async Task RunAsync(string tenant, CancellationToken stop)
    {
        var key = GridKeys.Outbox(tenant, WebChatIntegrator.Name);
        var outbox = grains.GetGrain<IOutboxGrain>(key);
        using var wake = new SemaphoreSlim(0);
        IAsyncDisposable? registration = null;
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        long cursor = 0;
        var lastFullPass = DateTimeOffset.MinValue;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    registration ??= await relay.RegisterAsync(key, _ => wake.Release());
                    cursor = await ReadNewAsync(tenant, outbox, cursor, seen, stop);
                    if (clock.GetUtcNow() - lastFullPass >= FullPass)
                    {
                        await FullPassAsync(tenant, outbox, seen, stop);
                        lastFullPass = clock.GetUtcNow();
                    }
                }
                catch (Exception ex) when (EdgeFaults.IsTransient(ex))
                {
                    logger.LogWarning(ex, "Web chat delivery of outbox {Outbox} failed; retrying", key);
                    await Task.Delay(Retry, stop);
                    continue;
                }

                await wake.WaitAsync(Poll, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            if (registration is not null)
            {
                await registration.DisposeAsync();
            }
        }
    }

    /// <summary>Pushes the rows after <paramref name="cursor"/>; returns the new cursor.</summary>
    private async Task<long> ReadNewAsync(string tenant, IOutboxGrain outbox, long cursor, Dictionary<string, DateTimeOffset> seen, CancellationToken stop)
    {
        IReadOnlyList<OutboundMessage> pending;
        do
        {
            pending = await outbox.GetPendingAsync(cursor, Page);
            foreach (var message in pending)
            {
                await PushOnceAsync(tenant, message, seen, stop);
                cursor = message.Cursor;
            }
        }
        while (pending.Count == Page);

        return cursor;
    }

    /// <summary>Every pending row: pushes those not seen yet, acknowledges those older than <see cref="AckAfter"/>, forgets rows no longer pending.</summary>
    private async Task FullPassAsync(string tenant, IOutboxGrain outbox, Dictionary<string, DateTimeOffset> seen, CancellationToken stop)
    {
        var pendingIds = new HashSet<string>(StringComparer.Ordinal);
        var old = new List<string>();
        var now = clock.GetUtcNow();
        long after = 0;
        while (true)
        {
            var page = await outbox.GetPendingAsync(after, Page);
            foreach (var message in page)
            {
                pendingIds.Add(message.OutboundId);
                await PushOnceAsync(tenant, message, seen, stop);
                if (now - message.CreatedAt >= AckAfter)
                {
                    old.Add(message.OutboundId);
                }
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Cursor;
        }

        foreach (var batch in old.Chunk(500))
        {
            await outbox.AckAsync(batch);
        }

        pendingIds.ExceptWith(old);
        foreach (var gone in seen.Keys.Where(id => !pendingIds.Contains(id)).ToList())
        {
            seen.Remove(gone);
        }
    }

    private async Task PushOnceAsync(string tenant, OutboundMessage message, Dictionary<string, DateTimeOffset> seen, CancellationToken stop)
    {
        if (!seen.TryAdd(message.OutboundId, message.CreatedAt))
        {
            return;
        }

        var group = ChatHub.Group(tenant, message.ToAddress);
        if (!connections.IsConnected(group))
        {
            return;
        }

        var entry = await entries.FromOutboundAsync(tenant, message);
        stop.ThrowIfCancellationRequested();
        await hub.Clients.Group(group).Message(entry);
        WebChatMetrics.Messages.WithLabels("out").Inc();
    }
}
