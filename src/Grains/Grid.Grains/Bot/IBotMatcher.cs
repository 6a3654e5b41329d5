namespace Grid.Bot;

/// <summary>
/// Decides what the bot does with a customer's text, over one snapshot of a tenant's knowledge base. Built by an
/// <see cref="IKnowledgeMatcherFactory"/>; shared by every grain of a silo, so <see cref="Decide"/> is called
/// concurrently and must be thread-safe. It has no side effect.
/// </summary>
public interface IBotMatcher
{
    /// <summary>The decision for <paramref name="text"/>, in <paramref name="language"/> or the language it detects when null.</summary>
    BotDecision Decide(string text, string? language);
}
