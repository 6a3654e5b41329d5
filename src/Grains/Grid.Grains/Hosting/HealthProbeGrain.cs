using Grid.Storage;
using static Grid.Storage.Sql.Sql;

namespace Grid.Hosting;

/// <summary>
/// Proves both stores take writes: the grain's own state (Orleans' AdoNet provider: grain state and reminders' database)
/// and a row of <c>grid_health</c> in the journal's database, written then read back. The edge's readiness check calls it
/// at most every couple of seconds.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
internal sealed class HealthProbeGrain(
    [PersistentState("health", "grid")] IPersistentState<HealthProbeState> state,
    GridStorageLayout layout,
    TimeProvider clock) : Grain, IHealthProbeGrain
{
    public async Task ProbeAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        state.State.ProbedAtMs = now;
        await state.WriteStateAsync();

        await using var connection = await layout.Journal.OpenAsync();
        await using (var write = Command(connection, null, """
            INSERT INTO grid_health (probe, at_ms) VALUES (@probe, @at)
            ON CONFLICT (probe) DO UPDATE SET at_ms = excluded.at_ms
            """))
        {
            Add(write, "probe", this.GetPrimaryKeyString());
            Add(write, "at", now);
            await write.ExecuteNonQueryAsync();
        }

        await using var read = Command(connection, null, "SELECT at_ms FROM grid_health WHERE probe = @probe");
        Add(read, "probe", this.GetPrimaryKeyString());
        if (ToLong(await read.ExecuteScalarAsync()) != now)
        {
            throw new InvalidOperationException("the journal database did not return the probe's write");
        }
    }
}

[GenerateSerializer, Alias("grid.HealthProbeState")]
internal sealed class HealthProbeState
{
    [Id(0)] public long ProbedAtMs { get; set; }
}
