using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Grid.Outbound;

/// <summary>
/// The outbox of one integrator. Rows live in the outbox table, written with the journal entry they carry; the grain
/// holds in memory only the leases of the integrator's streams and its channels' rate limits (OutboxGrain.Leases.cs).
/// Pushes hints to the edges that hold the integrator's streams.
/// </summary>
internal sealed partial class OutboxGrain : Grain, IOutboxGrain
{
    private readonly IOutboxStore outbox;
    private readonly TimeProvider clock;
    private readonly ObserverManager<IOutboxObserver> observers;
    private readonly ILogger<OutboxGrain> logger;
    private readonly OutboxOptions options;
    private readonly LeaseBook leases;
    private ChannelRateLimiter rates = null!;
    private string tenant = "";
    private string integrator = "";

    public OutboxGrain(IOutboxStore outbox, TimeProvider clock, IOptions<GridRuntimeOptions> options, ILogger<OutboxGrain> logger)
    {
        this.outbox = outbox;
        this.clock = clock;
        this.logger = logger;
        this.options = options.Value.Outbound;
        leases = new LeaseBook(this.options);
        observers = new ObserverManager<IOutboxObserver>(TimeSpan.FromMinutes(2), logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, integrator) = GridKeys.Split(this.GetPrimaryKeyString());
        rates = new ChannelRateLimiter(options, integrator);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboundMessage>> GetPendingAsync(long afterCursor, int limit) =>
        outbox.ReadPendingAsync(tenant, integrator, afterCursor, Math.Clamp(limit, 1, 1000));

    public async Task<int> AckAsync(IReadOnlyList<string> outboundIds)
    {
        var acked = await outbox.AckAsync(tenant, integrator, outboundIds, clock.GetUtcNow());
        leases.Done(outboundIds);
        GridMetrics.OutboundAcked.Inc(acked);
        await WakeFullStreamsAsync(acked);
        return acked;
    }

    public async Task<int> DeadLetterAsync(IReadOnlyList<DeadLetterRequest> letters)
    {
        var dead = await outbox.DeadLetterAsync(tenant, integrator, letters, clock.GetUtcNow());
        leases.Done(letters.Select(l => l.OutboundId));
        if (dead > 0)
        {
            GridMetrics.OutboundDeadLettered.Inc(dead);
            logger.LogWarning("{Count} outbound messages of integrator {Integrator} (tenant {Tenant}) dead-lettered ({Reason})",
                dead, integrator, tenant, string.Join(", ", letters.Select(l => l.Reason).Distinct()));
        }

        return dead;
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(long afterCursor, int limit) =>
        outbox.ReadDeadAsync(tenant, integrator, afterCursor, Math.Clamp(limit, 1, 1000));

    public async Task<int> RetryDeadLettersAsync(IReadOnlyList<string> outboundIds)
    {
        var retried = await outbox.ResolveDeadAsync(tenant, integrator, outboundIds, retry: true);
        if (retried.Count > 0)
        {
            // Offered again at once, counted from zero; the hint wakes the streams.
            leases.Restart(retried);
            await NotifyAsync(retried);
        }

        return retried.Count;
    }

    public async Task<int> DiscardDeadLettersAsync(IReadOnlyList<string> outboundIds) =>
        (await outbox.ResolveDeadAsync(tenant, integrator, outboundIds, retry: false)).Count;

    public Task SubscribeAsync(IOutboxObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IOutboxObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task NotifyAsync(IReadOnlyList<OutboundMessage> messages)
    {
        // A row committed after a later one was read (PostgreSQL assigns ids at insert) is read on the next request.
        foreach (var message in messages.Where(m => m.Cursor > 0))
        {
            leases.Rewind(message.Cursor);
        }

        var key = this.GetPrimaryKeyString();
        observers.Notify(o => o.OnOutbound(key, messages));
        return Task.CompletedTask;
    }
}
