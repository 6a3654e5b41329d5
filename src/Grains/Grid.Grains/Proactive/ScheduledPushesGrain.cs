using Grid.Storage;
using Orleans.Concurrency;

namespace Grid.Proactive;

/// <summary>A tenant's scheduled pushes as lists, read from grid_scheduled_push (key: tenant; a stateless worker: no grain is asked).</summary>
[StatelessWorker]
internal sealed class ScheduledPushesGrain(IScheduledPushStore store) : Grain, IScheduledPushesGrain
{
    public async Task<IReadOnlyList<ScheduledPushView>> ListAsync(string customerId, int limit) =>
        [.. (await store.ListAsync(this.GetPrimaryKeyString(), customerId, limit)).Select(r => r.View(created: false))];
}
