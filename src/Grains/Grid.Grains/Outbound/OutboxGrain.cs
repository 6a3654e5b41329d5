using Grid.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Grid.Outbound;

/// <summary>
/// The outbox of one integrator. Holds no state of its own: rows live in the outbox table, written with the
/// journal entry they carry. Pushes hints to the edges that hold the integrator's streams.
/// </summary>
internal sealed class OutboxGrain : Grain, IOutboxGrain
{
    private readonly IOutboxStore outbox;
    private readonly TimeProvider clock;
    private readonly ObserverManager<IOutboxObserver> observers;
    private readonly ILogger<OutboxGrain> logger;
    private string tenant = "";
    private string integrator = "";

    public OutboxGrain(IOutboxStore outbox, TimeProvider clock, ILogger<OutboxGrain> logger)
    {
        this.outbox = outbox;
        this.clock = clock;
        this.logger = logger;
        observers = new ObserverManager<IOutboxObserver>(TimeSpan.FromMinutes(2), logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, integrator) = GridKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboundMessage>> GetPendingAsync(long afterCursor, int limit) =>
        outbox.ReadPendingAsync(tenant, integrator, afterCursor, Math.Clamp(limit, 1, 1000));

    public async Task<int> AckAsync(IReadOnlyList<string> outboundIds)
    {
        var acked = await outbox.AckAsync(tenant, integrator, outboundIds, clock.GetUtcNow());
        GridMetrics.OutboundAcked.Inc(acked);
        return acked;
    }

    public async Task<int> DeadLetterAsync(IReadOnlyList<DeadLetterRequest> letters)
    {
        var dead = await outbox.DeadLetterAsync(tenant, integrator, letters, clock.GetUtcNow());
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
            // Streams past these cursors rewind to send them again.
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
        var key = this.GetPrimaryKeyString();
        observers.Notify(o => o.OnOutbound(key, messages));
        return Task.CompletedTask;
    }
}
