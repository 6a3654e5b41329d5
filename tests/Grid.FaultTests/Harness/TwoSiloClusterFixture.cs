namespace Grid.FaultTests.Harness;

/// <summary>
/// The two-silo cluster (PostgreSQL, two silos, two edges) of the proactive fan-out and rolling-restart scenarios: with
/// one silo down, the other holds everything, which is what a rolling restart and a crashed fan-out must survive.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public FaultCluster Cluster { get; } = new(silos: 2, edges: 2, extra: Faults.ExtraSettings());

    /// <summary>Starts the cluster and opens 32 conversations through both edges, so that no scenario measures a cold start.</summary>
    public async Task InitializeAsync()
    {
        await Cluster.StartAsync();
        var warmUp = new FaultLoad(Cluster.Edges, new LoadShape { Senders = 32, Workers = 8 });
        await warmUp.OpenConversationsAsync(8, CancellationToken.None);
    }

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo cluster";
}
