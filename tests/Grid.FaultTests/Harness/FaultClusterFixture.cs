namespace Grid.FaultTests.Harness;

/// <summary>The cluster the CI scenarios share (starting PostgreSQL, three silos and two edges once saves a minute per scenario).</summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    /// <summary>With GRID_FAULT_SETTINGS, if set, given to every process (docs/reliability.md).</summary>
    public FaultCluster Cluster { get; } = new(extra: Faults.ExtraSettings());

    public Task InitializeAsync() => Cluster.StartAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault cluster";
}
