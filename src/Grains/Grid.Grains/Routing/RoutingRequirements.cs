using System.Globalization;

namespace Grid.Routing;

/// <summary>
/// What a waiting conversation needs of an agent, read from its escalation's requirements (the one format, written and
/// parsed here): "skill:&lt;name&gt;:&lt;level&gt;", "language:&lt;code&gt;", "agent:&lt;id&gt;" (a transfer to a named agent: only
/// them), "sticky:&lt;id&gt;" (the agent who last helped the customer), "due:&lt;unix ms&gt;" (the first-response deadline).
/// </summary>
internal sealed record RoutingRequirements(
    IReadOnlyDictionary<string, int> Skills,
    string? Language,
    string? Target,
    string? Sticky,
    DateTimeOffset? Due)
{
    public const string SkillPrefix = "skill:";
    public const string LanguagePrefix = "language:";
    public const string AgentPrefix = "agent:";
    public const string StickyPrefix = "sticky:";
    public const string DuePrefix = "due:";

    public static RoutingRequirements None { get; } = new(new Dictionary<string, int>(), null, null, null, null);

    public static string Skill(string skill, int level) => $"{SkillPrefix}{skill}:{level.ToString(CultureInfo.InvariantCulture)}";

    public static string DueBy(DateTimeOffset at) => DuePrefix + at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the requirements; unknown or malformed ones are ignored (an old journal's, a newer silo's).</summary>
    public static RoutingRequirements Parse(IReadOnlyList<string> requirements, string? target = null)
    {
        if (requirements.Count == 0 && target is null)
        {
            return None;
        }

        Dictionary<string, int>? skills = null;
        string? language = null, sticky = null;
        DateTimeOffset? due = null;
        foreach (var r in requirements)
        {
            if (r.StartsWith(SkillPrefix, StringComparison.Ordinal))
            {
                var rest = r.AsSpan(SkillPrefix.Length);
                var colon = rest.LastIndexOf(':');
                if (colon > 0 && int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
                {
                    (skills ??= new(StringComparer.Ordinal))[rest[..colon].ToString()] = level;
                }
            }
            else if (r.StartsWith(LanguagePrefix, StringComparison.Ordinal))
            {
                language = r[LanguagePrefix.Length..];
            }
            else if (r.StartsWith(AgentPrefix, StringComparison.Ordinal))
            {
                target ??= r[AgentPrefix.Length..];
            }
            else if (r.StartsWith(StickyPrefix, StringComparison.Ordinal))
            {
                sticky = r[StickyPrefix.Length..];
            }
            else if (r.StartsWith(DuePrefix, StringComparison.Ordinal)
                && long.TryParse(r.AsSpan(DuePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                due = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        return new RoutingRequirements(skills ?? (IReadOnlyDictionary<string, int>)None.Skills, language, target, sticky, due);
    }

    /// <summary>The requirements without the skills named (an overflow drops them), and without stickiness.</summary>
    public static List<string> Without(IReadOnlyList<string> requirements, IReadOnlyCollection<string> droppedSkills) =>
        requirements.Where(r => !r.StartsWith(StickyPrefix, StringComparison.Ordinal)
            && !(SkillName(r) is { } skill && droppedSkills.Contains(skill))).ToList();

    private static string? SkillName(string requirement) =>
        requirement.StartsWith(SkillPrefix, StringComparison.Ordinal) && requirement.LastIndexOf(':') is var colon && colon > SkillPrefix.Length
            ? requirement[SkillPrefix.Length..colon]
            : null;

    /// <summary>Whether <paramref name="agent"/> has the skills, speaks the language and is the one named, if any.</summary>
    public bool Fit(AgentRouting agent)
    {
        if (Target is not null && Target != agent.AgentId)
        {
            return false;
        }

        if (Language is not null && agent.Languages.Count > 0 && !agent.Languages.Contains(Language))
        {
            return false;
        }

        foreach (var (skill, level) in Skills)
        {
            if (agent.Skills.GetValueOrDefault(skill) < level)
            {
                return false;
            }
        }

        return true;
    }
}
