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

        return Tiers(policy.Tiers) ?? (policy.Hours is null ? null : Hours(policy.Hours));
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
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone ?? "");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
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
