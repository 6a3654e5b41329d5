namespace Grid.Pipeline.Steps;

/// <summary>
/// Journals the facts the analyzers proposed (<see cref="FactsFinding"/>) when they change what the conversation
/// knows, so they travel with it (into the agent's offer, into routing) and survive replay. References accumulate: a
/// message's references join those the conversation has seen.
/// </summary>
internal sealed class RecordFactsStep : IInboundStep
{
    public string Name => "record-facts";

    public ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        foreach (var finding in context.Analysis.Findings.OfType<FactsFinding>())
        {
            var changed = finding.Facts
                .Select(f => f.Key == Triage.ReferencesAnalyzer.ReferencesFact
                    ? KeyValuePair.Create(f.Key, Triage.ReferencesAnalyzer.Merge(context.Facts.GetValueOrDefault(f.Key), f.Value))
                    : f)
                .Where(f => !context.Facts.TryGetValue(f.Key, out var known) || known != f.Value)
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            if (changed.Count > 0)
            {
                context.SetFacts(finding.Analyzer, changed);
            }
        }

        return ValueTask.CompletedTask;
    }
}
