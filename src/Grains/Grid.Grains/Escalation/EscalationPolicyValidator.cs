using System.Globalization;
using System.Text.RegularExpressions;

namespace Grid.Escalation;

/// <summary>Checks an escalation policy as a whole; the first problem is returned with its field and what to fix.</summary>
internal static partial class EscalationPolicyValidator
{
    public const int MaxTiers = 20;
    public const int MaxSlots = 50;
    public const int MaxHolidays = 200;
    public const int MaxPriority = 100;

    public static PolicyRuleException? Check(EscalationPolicy? policy)
    {
        if (policy is null)
        {
            return Invalid("policy", "policy is required");
        }

        if (policy.NoMatchLimit is < 1 or > 10)
        {
            return Invalid("no_match_limit", $"no_match_limit must be 1 to 10 (it is {policy.NoMatchLimit}): the messages in a row the bot may miss before a person takes over");
        }

        if (policy.SentimentThreshold is { } threshold && (double.IsNaN(threshold) || threshold is < -1 or >= 0))
        {
            return Invalid("sentiment_threshold", $"sentiment_threshold must be from -1 to below 0 (it is {threshold.ToString(CultureInfo.InvariantCulture)}), or left out to never escalate on sentiment");
        }

        if (string.IsNullOrEmpty(policy.Queue) || !Slug().IsMatch(policy.Queue))
        {
            return Invalid("queue", $"queue must be a queue name: a lowercase slug ([a-z0-9._-], at most 63 characters) (it is '{policy.Queue}')");
        }

        if (policy.ReopenOnCsatAtMost is < 1 or > 5)
        {
            return Invalid("reopen_on_csat_at_most", $"reopen_on_csat_at_most must be a rating from 1 to 5 (it is {policy.ReopenOnCsatAtMost}), or left out to never reopen on a rating");
        }

        return Tiers(policy.Tiers) ?? (policy.Hours is null ? null : Hours(policy.Hours)) ?? Timers(policy) ?? Templates(policy.Templates) ?? ResponseTimes(policy.ResponseTimes);
    }

    public const int MaxSlaRules = 10;
    public const int MaxTemplates = 60;
    public const int MaxTemplateLength = 1000;
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private static PolicyRuleException? Timers(EscalationPolicy policy)
    {
        var rules = policy.Sla ?? [];
        if (rules.Count > MaxSlaRules)
        {
            return Invalid("sla", $"sla: at most {MaxSlaRules} rules");
        }

        var bands = new HashSet<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null || rule.MinPriority is < 0 or > MaxPriority)
            {
                return Invalid($"sla[{i}].min_priority", $"sla[{i}].min_priority must be 0 to {MaxPriority} (it is {rule?.MinPriority})");
            }

            if (!bands.Add(rule.MinPriority))
            {
                return Invalid($"sla[{i}].min_priority", $"sla[{i}].min_priority {rule.MinPriority} is used by two rules");
            }

            if (rule.FirstResponse is null && rule.NextResponse is null && rule.Resolution is null)
            {
                return Invalid($"sla[{i}]", $"sla[{i}] sets no deadline: give first_response, next_response or resolution");
            }

            if ((Duration($"sla[{i}].first_response", rule.FirstResponse) ?? Duration($"sla[{i}].next_response", rule.NextResponse)
                ?? Duration($"sla[{i}].resolution", rule.Resolution)) is { } bad)
            {
                return bad;
            }
        }

        if ((Duration("status_interval", policy.StatusInterval) ?? Duration("auto_resolve_after", policy.AutoResolveAfter)) is { } badTimer)
        {
            return badTimer;
        }

        if (policy.Quiet is not { } quiet)
        {
            return null;
        }

        if (!KnownZone(quiet.TimeZone))
        {
            return Invalid("quiet_hours.time_zone", $"quiet_hours.time_zone '{quiet.TimeZone}' is not a known time zone: use an IANA id such as Europe/Paris");
        }

        return IsTime(quiet.From) && IsTime(quiet.To) && quiet.From != quiet.To
            ? null
            : Invalid("quiet_hours", $"quiet_hours must start and end at different times \"HH:mm\" (it is '{quiet.From}' to '{quiet.To}'); \"21:00\" to \"08:00\" spans midnight");
    }

    private static PolicyRuleException? Duration(string field, TimeSpan? value) =>
        value is not { } span || (span >= MinDuration && span <= MaxDuration)
            ? null
            : Invalid(field, $"{field} must be from 1 second to {MaxDuration.TotalDays:0} days (it is {span}), or left out");

    private static PolicyRuleException? ResponseTimes(IReadOnlyDictionary<string, TimeSpan>? times)
    {
        if (times is null)
        {
            return null;
        }

        if (times.Count > 100)
        {
            return Invalid("response_times", "response_times: at most 100 categories");
        }

        foreach (var (category, within) in times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!CategorySlug().IsMatch(category))
            {
                return Invalid("response_times", $"response_times: '{category}' is not a category; categories are lowercase slugs ([a-z0-9._-], at most 64 characters)");
            }

            if (within < TimeSpan.FromMinutes(1) || within > MaxDuration)
            {
                return Invalid("response_times", $"response_times: '{category}' must be answered within 1 minute to {MaxDuration.TotalDays:0} days (it is {within})");
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex CategorySlug();

    private static PolicyRuleException? Templates(IReadOnlyList<NoticeTemplate>? templates)
    {
        templates ??= [];
        if (templates.Count > MaxTemplates)
        {
            return Invalid("templates", $"templates: at most {MaxTemplates}");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < templates.Count; i++)
        {
            var template = templates[i];
            if (template is null || !Conversations.NoticeWording.Placeholders.TryGetValue(template.Purpose ?? "", out var allowed))
            {
                return Invalid($"templates[{i}].purpose",
                    $"templates[{i}].purpose '{template?.Purpose}' is not one of Grid's messages: {string.Join(", ", Conversations.NoticeWording.Placeholders.Keys)}");
            }

            if (template.Language is not ("fr" or "en"))
            {
                return Invalid($"templates[{i}].language", $"templates[{i}].language must be \"fr\" or \"en\" (it is '{template.Language}')");
            }

            if (!seen.Add((template.Purpose!, template.Language)))
            {
                return Invalid($"templates[{i}]", $"templates[{i}]: {template.Purpose} in {template.Language} is worded twice");
            }

            if (string.IsNullOrWhiteSpace(template.Text) || template.Text.Length > MaxTemplateLength)
            {
                return Invalid($"templates[{i}].text", $"templates[{i}].text must be 1 to {MaxTemplateLength} characters");
            }

            if (Conversations.NoticeWording.PlaceholdersIn(template.Text).FirstOrDefault(p => !allowed.Contains(p)) is { } unknown)
            {
                var offered = allowed.Length == 0 ? "none" : string.Join(", ", allowed.Select(a => "{" + a + "}"));
                return Invalid($"templates[{i}].text", $"templates[{i}].text uses {{{unknown}}}, which {template.Purpose} does not fill (it fills: {offered})");
            }
        }

        return null;
    }

    private static bool KnownZone(string? id)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id ?? "");
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }

    private static PolicyRuleException? Tiers(IReadOnlyList<TierRule>? tiers)
    {
        if (tiers is null || tiers.Count > MaxTiers)
        {
            return Invalid("tiers", $"tiers: at most {MaxTiers}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier is null || string.IsNullOrEmpty(tier.Name) || !Slug().IsMatch(tier.Name))
            {
                return Invalid($"tiers[{i}].name", $"tiers[{i}].name must be a lowercase slug ([a-z0-9._-], at most 63 characters)");
            }

            if (!names.Add(tier.Name))
            {
                return Invalid($"tiers[{i}].name", $"tiers[{i}].name '{tier.Name}' is named twice");
            }

            if (tier.Priority is < 0 or > MaxPriority)
            {
                return Invalid($"tiers[{i}].priority", $"tiers[{i}].priority must be 0 to {MaxPriority} (it is {tier.Priority})");
            }
        }

        return null;
    }

    private static PolicyRuleException? Hours(OpeningHours hours)
    {
        if (!KnownZone(hours.TimeZone))
        {
            return Invalid("hours.time_zone", $"hours.time_zone '{hours.TimeZone}' is not a known time zone: use an IANA id such as Europe/Paris");
        }

        if (hours.Week is null || hours.Week.Count == 0 || hours.Week.Count > MaxSlots)
        {
            return Invalid("hours.week", $"hours.week needs 1 to {MaxSlots} opening slots (leave hours out to be always open)");
        }

        for (var i = 0; i < hours.Week.Count; i++)
        {
            var slot = hours.Week[i];
            if (slot is null || !Enum.IsDefined(slot.Day))
            {
                return Invalid($"hours.week[{i}].day", $"hours.week[{i}].day must be a day of the week");
            }

            if (!IsTime(slot.From) || !IsTime(slot.To) || OpeningSchedule.Time(slot.From) >= OpeningSchedule.Time(slot.To))
            {
                return Invalid($"hours.week[{i}]", $"hours.week[{i}] must open and close at times \"HH:mm\" (\"24:00\" for midnight), opening first (it is '{slot.From}' to '{slot.To}')");
            }
        }

        if (hours.Holidays is null || hours.Holidays.Count > MaxHolidays)
        {
            return Invalid("hours.holidays", $"hours.holidays: at most {MaxHolidays} dates");
        }

        for (var i = 0; i < hours.Holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(hours.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Invalid($"hours.holidays[{i}]", $"hours.holidays[{i}] must be a date \"yyyy-MM-dd\" (it is '{hours.Holidays[i]}')");
            }
        }

        return null;
    }

    private static bool IsTime(string? text) =>
        text == "24:00" || TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static PolicyRuleException Invalid(string field, string message) => new(PolicyRuleException.Invalid, message, field);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,62}\z")]
    private static partial Regex Slug();
}
