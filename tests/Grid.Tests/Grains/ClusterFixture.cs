using Microsoft.Extensions.DependencyInjection;
using Grid.Hosting;
using Grid.Storage;
using Grid.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Grid.Tests.Grains;

/// <summary>An Orleans test cluster whose grains store into real SQLite files in a temp directory.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "grid-grains-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grid:DataDir"] = DataDir,
            ["Grid:Bot:EmbeddingCache"] = GridProcess.SharedEmbeddingCache, // the process's caches stay where BotCaches put them
            ["Grid:Routing:OfferTimeout"] = "00:00:03",
            ["Grid:Conversations:ReopenWindow"] = "00:00:02",
            ["Grid:Identity:HashKey"] = Convert.ToBase64String(new byte[32]),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // files still mapped by a closing connection pool
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = siloBuilder.Configuration.GetSection(GridRuntimeOptions.Section).Get<GridRuntimeOptions>()!;
            siloBuilder.UseGridStorage(GridStorageLayout.From(options, null), siloBuilder.Configuration);

            // A slow analyzer: with it, every message's analysis runs in the stateless worker, as models will.
            siloBuilder.ConfigureServices(services => services.AddSingleton<Grid.Pipeline.IMessageAnalyzer, TopicAnalyzer>());

        }
    }
}

/// <summary>Marks invoices as billing: a stand-in for a classifier, declared not cheap so it runs outside the conversation grain.</summary>
internal sealed class TopicAnalyzer : Grid.Pipeline.IMessageAnalyzer
{
    public bool IsCheap => false;

    public ValueTask AnalyzeAsync(Grid.Pipeline.AnalysisRequest request, Grid.Pipeline.MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        if (request.Text.Contains("invoice", StringComparison.OrdinalIgnoreCase))
        {
            analysis.Add(new Grid.Pipeline.FactsFinding("topic", new Dictionary<string, string> { ["topic"] = "billing" }));
        }

        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "grains";
}
