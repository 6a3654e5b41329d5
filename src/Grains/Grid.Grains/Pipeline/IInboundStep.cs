namespace Grid.Pipeline;

/// <summary>
/// One step of the inbound pipeline (triage, bot, escalation rules, routing…), run in the order of
/// <c>Grid:Pipeline:Steps</c> inside the conversation grain's turn. A step reads the context and records typed
/// decisions; it must be quick: slow work (a model, an index search) belongs in an <see cref="IMessageAnalyzer"/>,
/// which runs outside the conversation grain before the steps.
/// </summary>
internal interface IInboundStep
{
    /// <summary>The step's name in configuration and in the journal (its state, its facts).</summary>
    string Name { get; }

    ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken);
}
