using System.Text.RegularExpressions;
using Grid.Escalation;

namespace Grid.Routing;

/// <summary>Checks routing configuration (pure): each refusal names the field and says what is accepted.</summary>
internal static partial class RoutingConfigValidator
{
    public const int MaxQueues = 200;
    public const int MaxRules = 200;
    public const int MaxAgents = 5_000;
    public const int MaxQueueSkills = 20;
    public const int MaxAgentSkills = 50;
    public const int MaxLanguages = 20;
    public const int MaxLevel = 10;
    public const int MaxCapacity = 50;
    public static readonly TimeSpan MaxOfferTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxOverflowAfter = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxStickyWindow = TimeSpan.FromHours(1);

    public static PolicyRuleException? Check(QueueDefinition q)
    {
        return Slug(q.Name, "queue.name")
            ?? Skills(q.Skills, "queue.skills", MaxQueueSkills)
            ?? Languages(q.Languages, "queue.languages")
            ?? (q.OfferTimeout is { } t && (t < TimeSpan.FromSeconds(5) || t > MaxOfferTimeout)
                ? Invalid("queue.offer_timeout", "queue.offer_timeout must be between 5 seconds and 10 minutes (or unset for the default)")
                : null)
            ?? Overflow(q)
            ?? (q.StickyWindow < TimeSpan.Zero || q.StickyWindow > MaxStickyWindow
                ? Invalid("queue.sticky_window", "queue.sticky_window must be between 0 (no sticky routing) and 1 hour")
                : null);
    }

    public static PolicyRuleException? Check(IReadOnlyList<EntryRule> rules)
    {
        if (rules.Count > MaxRules)
        {
            return Invalid("rules", $"at most {MaxRules} entry rules");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var at = $"rules[{i}]";
            var problem = Slug(r.Queue, at + ".queue")
                ?? (r.Channel is Channel.Unspecified || (r.Channel is { } c && !Enum.IsDefined(c)) ? Invalid(at + ".channel", at + ".channel must be a channel or unset") : null)
                ?? (r.Language is not null ? Language(r.Language, at + ".language") : null)
                ?? (r.CustomerTier is not null ? Slug(r.CustomerTier, at + ".customer_tier") : null)
                ?? (r.FactKey is { } key && (key.Length is 0 or > 100 || key.Any(char.IsControl)) ? Invalid(at + ".fact_key", at + ".fact_key must be 1 to 100 characters without control characters") : null)
                ?? (r.FactValue is { } value && (r.FactKey is null || value.Length > 200 || value.Any(char.IsControl)) ? Invalid(at + ".fact_value", at + ".fact_value needs fact_key and at most 200 characters without control characters") : null);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    public static PolicyRuleException? Check(AgentProfile a)
    {
        if (Slug(a.AgentId, "agent.agent_id") is { } id)
        {
            return id;
        }

        if (a.DisplayName.Length > 100 || a.DisplayName.Any(char.IsControl))
        {
            return Invalid("agent.display_name", "agent.display_name must be at most 100 characters without control characters");
        }

        if ((Skills(a.Skills, "agent.skills", MaxAgentSkills) ?? Languages(a.Languages, "agent.languages")) is { } problem)
        {
            return problem;
        }

        if (a.Capacity.Count == 0)
        {
            return Invalid("agent.capacity", "agent.capacity needs at least one channel (for example WEB_CHAT: 4)");
        }

        foreach (var (channel, n) in a.Capacity)
        {
            if (channel == Channel.Unspecified || !Enum.IsDefined(channel) || n is < 0 or > MaxCapacity)
            {
                return Invalid("agent.capacity", $"agent.capacity: each channel must be a channel with 0 to {MaxCapacity} conversations at once");
            }
        }

        return null;
    }

    private static PolicyRuleException? Overflow(QueueDefinition q)
    {
        if (q.OverflowQueue is null)
        {
            return q.OverflowAfter is not null || q.OverflowDropsSkills is { Count: > 0 }
                ? Invalid("queue.overflow_queue", "queue.overflow_queue is required when overflow_after or overflow_drops_skills is set")
                : null;
        }

        if (Slug(q.OverflowQueue, "queue.overflow_queue") is { } bad)
        {
            return bad;
        }

        if (q.OverflowQueue == q.Name)
        {
            return Invalid("queue.overflow_queue", "queue.overflow_queue must be another queue than the queue itself");
        }

        if (q.OverflowAfter is not { } after || after < TimeSpan.FromSeconds(1) || after > MaxOverflowAfter)
        {
            return Invalid("queue.overflow_after", "queue.overflow_after must be between 1 second and 24 hours when overflow_queue is set");
        }

        foreach (var skill in q.OverflowDropsSkills ?? [])
        {
            if (!SkillName().IsMatch(skill))
            {
                return Invalid("queue.overflow_drops_skills", "queue.overflow_drops_skills: each must be a skill name ([a-z0-9._-], 1 to 63 characters)");
            }
        }

        return null;
    }

    private static PolicyRuleException? Skills(IReadOnlyList<SkillLevel> skills, string field, int max)
    {
        if (skills.Count > max)
        {
            return Invalid(field, $"{field}: at most {max}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in skills)
        {
            if (!SkillName().IsMatch(s.Skill))
            {
                return Invalid(field, $"{field}: each skill must be a name of [a-z0-9._-], 1 to 63 characters");
            }

            if (s.Level is < 1 or > MaxLevel)
            {
                return Invalid(field, $"{field}: the level of '{s.Skill}' must be between 1 and {MaxLevel}");
            }

            if (!seen.Add(s.Skill))
            {
                return Invalid(field, $"{field}: '{s.Skill}' is listed twice");
            }
        }

        return null;
    }

    private static PolicyRuleException? Languages(IReadOnlyList<string> languages, string field)
    {
        if (languages.Count > MaxLanguages)
        {
            return Invalid(field, $"{field}: at most {MaxLanguages}");
        }

        foreach (var language in languages)
        {
            if (Language(language, field) is { } bad)
            {
                return bad;
            }
        }

        return languages.Distinct(StringComparer.Ordinal).Count() != languages.Count ? Invalid(field, $"{field}: a language is listed twice") : null;
    }

    private static PolicyRuleException? Language(string language, string field) =>
        LanguageCode().IsMatch(language) ? null : Invalid(field, $"{field}: languages are two-letter lowercase codes (fr, en)");

    private static PolicyRuleException? Slug(string? value, string field) =>
        value is not null && SlugPattern().IsMatch(value) ? null : Invalid(field, $"{field} must be a lowercase slug ([a-z0-9._-], starting with a letter or digit, at most 63 characters)");

    private static PolicyRuleException Invalid(string field, string message) => new(PolicyRuleException.Invalid, message, field);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,62}\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,62}\z")]
    private static partial Regex SkillName();

    [GeneratedRegex(@"^[a-z]{2}\z")]
    private static partial Regex LanguageCode();
}
