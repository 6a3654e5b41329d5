namespace Grid.Bot;

/// <summary>
/// Evaluates a text against a tenant's knowledge base without any side effect: what the bot would decide. Key: the
/// tenant. Refused with <see cref="KnowledgeErrorCodes.Unavailable"/> when no bot matcher is installed.
/// </summary>
[Alias("grid.IBotEvaluatorGrain")]
public interface IBotEvaluatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// The decision for <paramref name="text"/>; <paramref name="language"/> is the conversation's language so far, or
    /// null (the text's own language is detected, falling back to it, then to the tenant's default).
    /// </summary>
    [Alias("EvaluateAsync")]
    Task<KnowledgeEvaluation> EvaluateAsync(string text, string? language);
}
