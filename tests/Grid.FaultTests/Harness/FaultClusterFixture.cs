namespace Grid.FaultTests.Harness;

/// <summary>The cluster the CI scenarios share (starting PostgreSQL, three silos and two edges once saves a minute per scenario).</summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    /// <summary>With GRID_FAULT_SETTINGS, if set, given to every process (docs/reliability.md).</summary>
    public FaultCluster Cluster { get; } = new(extra: Faults.ExtraSettings());

    /// <summary>Starts the cluster and opens 64 conversations through both edges, so that no scenario measures a cold start.</summary>
    public async Task InitializeAsync()
    {
        await Cluster.StartAsync();
        var warmUp = new FaultLoad(Cluster.Edges, new LoadShape { Senders = 64, Workers = 16 });
        await warmUp.OpenConversationsAsync(16, CancellationToken.None);
    }

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault cluster";
}
