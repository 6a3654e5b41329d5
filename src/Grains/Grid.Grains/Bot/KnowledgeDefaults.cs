namespace Grid.Bot;

/// <summary>What a knowledge base holds before anything is set.</summary>
internal static class KnowledgeDefaults
{
    /// <summary>
    /// The settings until SetSettings: a threshold of 0.5, no synonyms, French. The matcher's evaluation may call for
    /// another default threshold: change it here (stored settings keep theirs).
    /// </summary>
    public static KnowledgeSettings Settings { get; } = new(0.5, [], "fr");
}
