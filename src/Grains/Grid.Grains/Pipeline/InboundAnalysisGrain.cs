using Orleans.Concurrency;

namespace Grid.Pipeline;

/// <summary>Runs the analyzers on an inbound message, outside the conversation grain. Key: the tenant.</summary>
[Alias("grid.IInboundAnalysisGrain")]
internal interface IInboundAnalysisGrain : IGrainWithStringKey
{
    [Alias("AnalyzeAsync")]
    Task<MessageAnalysis> AnalyzeAsync(AnalysisRequest request);
}

/// <summary>
/// A stateless worker (each call runs on the local silo), reentrant: analyzers hold no state, so calls awaiting
/// asynchronous work (an index, a model server) do not queue behind each other.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class InboundAnalysisGrain(MessageAnalyzers analyzers) : Grain, IInboundAnalysisGrain
{
    public Task<MessageAnalysis> AnalyzeAsync(AnalysisRequest request) => analyzers.AnalyzeAsync(request, CancellationToken.None);
}
