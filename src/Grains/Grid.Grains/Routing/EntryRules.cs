using Grid.Pipeline;

namespace Grid.Routing;

/// <summary>
/// Where an escalation goes and what it needs (pure): the tenant's entry rules pick the queue of an escalation decided
/// for the tenant's default queue (a flow's own queue stands), and the queue's definition gives the requirements.
/// </summary>
internal static class EntryRules
{
    /// <summary>Points added to the priority for the message's sentiment: up to this much for the most negative.</summary>
    public const int SentimentPoints = 10;

    /// <summary>The queue of the first rule that matches, or null.</summary>
    public static string? Match(IReadOnlyList<EntryRule> rules, Channel channel, string? language, string? tier, IReadOnlyDictionary<string, string> facts)
    {
        foreach (var rule in rules)
        {
            if ((rule.Channel is null || rule.Channel == channel)
                && (rule.Language is null || rule.Language == language)
                && (rule.CustomerTier is null || rule.CustomerTier == tier)
                && (rule.FactKey is null || (facts.TryGetValue(rule.FactKey, out var value) && (rule.FactValue is null || rule.FactValue == value))))
            {
                return rule.Queue;
            }
        }

        return null;
    }

    /// <summary>
    /// The requirements of a conversation entering <paramref name="queue"/>: the queue's skills, the language it will be
    /// served in (the conversation's when the queue serves it or lists none, else the queue's first), the agent who last
    /// helped the customer when the queue routes returning customers to them, the first-response deadline. Requirements
    /// already there that name an agent (a transfer's) are kept.
    /// </summary>
    public static List<string> Requirements(IReadOnlyList<string> existing, QueueDefinition? queue, string? language, string? lastAgent, DateTimeOffset? due)
    {
        var requirements = existing.Where(r => r.StartsWith(RoutingRequirements.AgentPrefix, StringComparison.Ordinal)).ToList();
        foreach (var skill in queue?.Skills ?? [])
        {
            requirements.Add(RoutingRequirements.Skill(skill.Skill, skill.Level));
        }

        var served = queue is { Languages.Count: > 0 } && (language is null || !queue.Languages.Contains(language)) ? queue.Languages[0] : language;
        if (served is not null)
        {
            requirements.Add(RoutingRequirements.LanguagePrefix + served);
        }

        if (lastAgent is not null && queue is { StickyWindow.Ticks: > 0 })
        {
            requirements.Add(RoutingRequirements.StickyPrefix + lastAgent);
        }

        if (due is { } at)
        {
            requirements.Add(RoutingRequirements.DueBy(at));
        }

        return requirements;
    }

    /// <summary>Points of priority for a message's sentiment (−1 to 1): 0 when not negative, up to <see cref="SentimentPoints"/>.</summary>
    public static int SentimentBoost(double? score) => score is < 0 ? (int)Math.Round(-score.Value * SentimentPoints) : 0;
}
