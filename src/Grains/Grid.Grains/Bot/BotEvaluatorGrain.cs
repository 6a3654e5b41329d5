namespace Grid.Bot;

/// <summary>
/// Evaluates texts against a tenant's knowledge base with the silo's matcher (key: the tenant). A stateless worker, so
/// evaluation runs on the silo that was called, and reentrant: it holds no state, and the matcher is thread-safe.
/// Nothing is recorded: it only says what the bot would decide.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class BotEvaluatorGrain(BotMatchers matchers) : Grain, IBotEvaluatorGrain
{
    public async Task<KnowledgeEvaluation> EvaluateAsync(string text, string? language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.Invalid, "text is empty: send the customer's words to evaluate", "text");
        }

        if (language is not null && KnowledgeValidator.Language(language, "language") is { } badLanguage)
        {
            throw badLanguage.ToException();
        }

        var (matcher, version) = await matchers.GetAsync(this.GetPrimaryKeyString());
        return new KnowledgeEvaluation(matcher.Decide(text, language), version);
    }
}
