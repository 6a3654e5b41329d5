namespace Grid.Bot;

/// <summary>What the bot would decide for a text, and the knowledge-base version it decided on.</summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeEvaluation")]
public sealed record KnowledgeEvaluation(
    [property: Id(0)] BotDecision Decision,
    [property: Id(1)] long Version);
