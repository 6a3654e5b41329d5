namespace Grid.Bot;

/// <summary>
/// Evaluates a text against a tenant's knowledge base without any side effect: what the bot would decide. Key: the
/// tenant. Refused with <see cref="KnowledgeErrorCodes.Unavailable"/> when no bot matcher is installed.
/// </summary>
[Alias("grid.IBotEvaluatorGrain")]
public interface IBotEvaluatorGrain : IGrainWithStringKey
{
    /// <summary>The decision for <paramref name="text"/>, in <paramref name="language"/> or the detected one when null.</summary>
    [Alias("EvaluateAsync")]
    Task<BotEvaluation> EvaluateAsync(string text, string? language);
}
