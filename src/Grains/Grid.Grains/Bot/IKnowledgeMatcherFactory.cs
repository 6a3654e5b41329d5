namespace Grid.Bot;

/// <summary>
/// Builds a tenant's <see cref="IBotMatcher"/> (its index) from a knowledge-base snapshot. <see cref="BotMatchers"/>
/// calls it once per tenant and version on each silo. Registered in the silo's services by
/// <see cref="Hosting.GridSiloExtensions.AddGridKnowledge"/>; when none is, evaluation answers that the matcher is not installed.
/// </summary>
public interface IKnowledgeMatcherFactory
{
    IBotMatcher Create(KnowledgeSnapshot snapshot);
}
