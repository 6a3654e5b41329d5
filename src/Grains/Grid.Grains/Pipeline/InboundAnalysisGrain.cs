using Orleans.Concurrency;

namespace Grid.Pipeline;

/// <summary>Runs the analyzers on an inbound message, outside the conversation grain. Key: the tenant.</summary>
[Alias("grid.IInboundAnalysisGrain")]
internal interface IInboundAnalysisGrain : IGrainWithStringKey
{
    [Alias("AnalyzeAsync")]
    Task<MessageAnalysis> AnalyzeAsync(AnalysisRequest request);
}

/// <summary>A stateless worker: as many activations per silo as there are calls to run, each call on the local silo.</summary>
[StatelessWorker]
internal sealed class InboundAnalysisGrain(MessageAnalyzers analyzers) : Grain, IInboundAnalysisGrain
{
    public Task<MessageAnalysis> AnalyzeAsync(AnalysisRequest request) => analyzers.AnalyzeAsync(request, CancellationToken.None);
}
