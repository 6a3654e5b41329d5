using Grid.Pipeline;

namespace Grid.Sentiment;

/// <summary>
/// Scores each customer message's sentiment (<see cref="SentimentScorer"/>, French and English lexicons) in the
/// message's language: a few microseconds, so it runs inline. The score is journaled with the message and read by the
/// escalation rules ("negative-sentiment"); the label of a message that says something of the mood is the fact
/// <see cref="SentimentFact"/>.
/// </summary>
internal sealed class SentimentAnalyzer : IMessageAnalyzer
{
    /// <summary>The fact "triage.sentiment": negative, neutral or positive.</summary>
    public const string SentimentFact = "triage.sentiment";

    public bool IsCheap => true;

    public ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        var score = SentimentScorer.Shared.Score(request.Text, analysis.Language);
        analysis.Add(new SentimentFinding(score.Value, score.Evidence));
        if (score.Evidence > 0)
        {
            // The label of the last message that said something about the customer's mood, a fact of the conversation.
            var label = score.Value <= SentimentScorer.NegativeThreshold ? "negative" : score.Value >= SentimentScorer.PositiveThreshold ? "positive" : "neutral";
            analysis.Add(new FactsFinding("sentiment", new Dictionary<string, string>(StringComparer.Ordinal) { [SentimentFact] = label }));
        }

        return ValueTask.CompletedTask;
    }
}
