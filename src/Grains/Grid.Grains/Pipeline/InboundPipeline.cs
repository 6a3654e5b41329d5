using Grid.Conversations;
using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Options;

namespace Grid.Pipeline;

/// <summary>The registered steps in the order of <c>Grid:Pipeline:Steps</c>; an unknown name stops the silo's start.</summary>
internal sealed class InboundPipeline
{
    private readonly IOptions<GridRuntimeOptions> options;
    private readonly MessageAnalyzers analyzers;

    public InboundPipeline(IEnumerable<IInboundStep> registered, MessageAnalyzers analyzers, IOptions<GridRuntimeOptions> options)
    {
        this.options = options;
        this.analyzers = analyzers;
        var byName = registered.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var names = options.Value.Pipeline.Steps is { Count: > 0 } configured ? configured : PipelineOptions.DefaultSteps;
        Steps = [.. names.Select((name, i) => byName.TryGetValue(name, out var step)
            ? step
            : throw new OptionsValidationException($"{GridRuntimeOptions.Section}:Pipeline:Steps", typeof(PipelineOptions),
                [$"Grid:Pipeline:Steps:{i} names the step '{name}', which does not exist; the steps are: {string.Join(", ", byName.Keys.Order())}."]))];
    }

    public IReadOnlyList<IInboundStep> Steps { get; }

    /// <summary>
    /// What to append for an inbound message: analysis in the tenant's stateless worker (outside the conversation
    /// grain's turn; inline when every analyzer is cheap), then the steps in order on the conversation's state, then the decider's rows.
    /// </summary>
    public async Task<JournalRow[]> DecideAsync(IGrainFactory grains, ConversationState state, InboundMessage message, CustomerProfile customer, DateTimeOffset now,
        string conversationId = "")
    {
        var request = new AnalysisRequest(message.Tenant, message.Text, message.Channel, state.Language ?? options.Value.Conversations.DefaultLanguage, state.Status);
        var analysis = analyzers.AllCheap
            ? await analyzers.AnalyzeAsync(request, CancellationToken.None)
            : await grains.GetGrain<IInboundAnalysisGrain>(message.Tenant).AnalyzeAsync(request);
        var reopened = state.Status == ConversationStatus.Resolved;
        var context = new InboundContext(
            message, analysis, reopened ? ConversationStatus.Bot : state.Status, reopened, state.Recent, state.Facts, state.StepStates, customer)
        {
            ConversationId = conversationId,
            Now = now,
        };
        await RunAsync(context, CancellationToken.None);
        return ConversationDecider.Inbound(state, message, customer.CustomerId, context, now);
    }

    public async ValueTask RunAsync(InboundContext context, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            await step.DecideAsync(context, cancellationToken);
        }
    }
}
