using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Pipeline;

/// <summary>The registered steps in the order of <c>Grid:Pipeline:Steps</c>; an unknown name stops the silo's start.</summary>
internal sealed class InboundPipeline
{
    public InboundPipeline(IEnumerable<IInboundStep> registered, IOptions<GridRuntimeOptions> options)
    {
        var byName = registered.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var names = options.Value.Pipeline.Steps is { Count: > 0 } configured ? configured : PipelineOptions.DefaultSteps;
        Steps = [.. names.Select((name, i) => byName.TryGetValue(name, out var step)
            ? step
            : throw new OptionsValidationException($"{GridRuntimeOptions.Section}:Pipeline:Steps", typeof(PipelineOptions),
                [$"Grid:Pipeline:Steps:{i} names the step '{name}', which does not exist; the steps are: {string.Join(", ", byName.Keys.Order())}."]))];
    }

    public IReadOnlyList<IInboundStep> Steps { get; }

    public async ValueTask RunAsync(InboundContext context, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            await step.DecideAsync(context, cancellationToken);
        }
    }
}
