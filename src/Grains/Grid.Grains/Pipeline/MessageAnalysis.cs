namespace Grid.Pipeline;

/// <summary>
/// What the analyzers found in one inbound message, before the conversation's steps run: its language and typed
/// findings of later analyzers (a classifier's category, knowledge-base candidates…), looked up by type.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.MessageAnalysis")]
internal sealed record MessageAnalysis(
    [property: Id(0)] string Language,
    [property: Id(1)] IReadOnlyList<AnalysisFinding> Findings)
{
    /// <summary>The finding of a type, if an analyzer produced one.</summary>
    public T? Find<T>()
        where T : AnalysisFinding => Findings.OfType<T>().FirstOrDefault();
}

/// <summary>A typed result of an <see cref="IMessageAnalyzer"/>. Subtypes are serializable records.</summary>
[GenerateSerializer, Immutable, Alias("grid.AnalysisFinding")]
internal abstract record AnalysisFinding;

/// <summary>Facts an analyzer proposes for the conversation (a category, a reference); the record-facts step journals them.</summary>
[GenerateSerializer, Immutable, Alias("grid.FactsFinding")]
internal sealed record FactsFinding(
    [property: Id(0)] string Analyzer,
    [property: Id(1)] IReadOnlyDictionary<string, string> Facts) : AnalysisFinding;

/// <summary>The message's sentiment: a score from −1 (furious, desperate) to 1 (delighted), and how many cues it rests on.</summary>
[GenerateSerializer, Immutable, Alias("grid.SentimentFinding")]
internal sealed record SentimentFinding(
    [property: Id(0)] double Score,
    [property: Id(1)] int Evidence) : AnalysisFinding;
