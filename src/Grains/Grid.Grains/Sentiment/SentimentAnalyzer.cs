using Grid.Pipeline;

namespace Grid.Sentiment;

/// <summary>
/// Scores each customer message's sentiment (<see cref="SentimentScorer"/>, French and English lexicons) in the
/// message's language: a few microseconds, so it runs inline. The score is journaled with the message and read by the
/// escalation rules ("negative-sentiment").
/// </summary>
internal sealed class SentimentAnalyzer : IMessageAnalyzer
{
    public bool IsCheap => true;

    public ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        var score = SentimentScorer.Shared.Score(request.Text, analysis.Language);
        analysis.Add(new SentimentFinding(score.Value, score.Evidence));
        return ValueTask.CompletedTask;
    }
}
