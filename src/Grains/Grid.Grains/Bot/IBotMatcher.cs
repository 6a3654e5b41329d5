namespace Grid.Bot;

/// <summary>
/// Decides what the bot does with a customer's text, over one snapshot of a tenant's knowledge base. Built by an
/// <see cref="IKnowledgeMatcherFactory"/>; shared by every grain of a silo, so <see cref="Decide"/> is called
/// concurrently and must be thread-safe. It has no side effect.
/// </summary>
public interface IBotMatcher
{
    /// <summary>
    /// The decision for <paramref name="text"/>. <paramref name="language"/> is the conversation's language so far, or
    /// null: the text's own language is detected, falling back to it (then to the tenant's default) when the text says
    /// too little.
    /// </summary>
    BotDecision Decide(string text, string? language);
}
