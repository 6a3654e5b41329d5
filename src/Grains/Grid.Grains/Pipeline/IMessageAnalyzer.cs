namespace Grid.Pipeline;

/// <summary>
/// Slow or heavy work on an inbound message that needs no conversation state (language, a classifier, a knowledge
/// base search). Analyzers run in <see cref="InboundAnalysisGrain"/>, a stateless worker, so one conversation's model
/// call never holds another conversation's grain; their findings reach the steps in <see cref="MessageAnalysis"/>.
/// </summary>
internal interface IMessageAnalyzer
{
    /// <summary>
    /// True for work of a few microseconds (a word count): when every analyzer is cheap they run inline, sparing the
    /// message a grain call. One analyzer that is not cheap sends the whole analysis to the stateless worker.
    /// </summary>
    bool IsCheap { get; }

    ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken);
}

/// <summary>The message to analyze, the conversation's language so far and its status as the message arrives.</summary>
[GenerateSerializer, Immutable, Alias("grid.AnalysisRequest")]
internal sealed record AnalysisRequest(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Text,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] string LanguageSoFar,
    [property: Id(4)] ConversationStatus Status = ConversationStatus.New);

/// <summary>Runs the registered analyzers in order on one message.</summary>
internal sealed class MessageAnalyzers(IEnumerable<IMessageAnalyzer> analyzers)
{
    private readonly IMessageAnalyzer[] analyzers = [.. analyzers];

    /// <summary>Whether every analyzer may run inside the conversation grain's turn.</summary>
    public bool AllCheap => analyzers.All(a => a.IsCheap);

    public async Task<MessageAnalysis> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var analysis = new MessageAnalysisBuilder(request.LanguageSoFar);
        foreach (var analyzer in analyzers)
        {
            await analyzer.AnalyzeAsync(request, analysis, cancellationToken);
        }

        return analysis.Build();
    }
}

/// <summary>Collects the analyzers' findings for one message.</summary>
internal sealed class MessageAnalysisBuilder(string language)
{
    private readonly List<AnalysisFinding> findings = [];

    public string Language { get; set; } = language;

    public void Add(AnalysisFinding finding) => findings.Add(finding);

    public MessageAnalysis Build() => new(Language, [.. findings]);
}

/// <summary>Detects the message's language (French or English), keeping the conversation's when the text says too little.</summary>
internal sealed class LanguageAnalyzer(ILanguageDetector detector) : IMessageAnalyzer
{
    public bool IsCheap => true;

    public ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        analysis.Language = detector.Detect(request.Text, request.LanguageSoFar);
        return ValueTask.CompletedTask;
    }
}
