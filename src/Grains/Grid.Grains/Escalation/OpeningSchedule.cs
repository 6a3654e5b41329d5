using System.Globalization;

namespace Grid.Escalation;

/// <summary>
/// A tenant's <see cref="OpeningHours"/> made ready to ask: is it open at an instant, and when does it next open
/// (within the coming 60 days; holidays skipped). Local times follow the time zone's rules, summer time included.
/// </summary>
internal sealed class OpeningSchedule
{
    private const int LookAheadDays = 60;

    private readonly TimeZoneInfo zone;
    private readonly ILookup<DayOfWeek, (TimeOnly From, TimeOnly To)> slots;
    private readonly HashSet<DateOnly> holidays;

    public OpeningSchedule(OpeningHours hours)
    {
        zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        slots = hours.Week.ToLookup(s => s.Day, s => (Time(s.From), Time(s.To)));
        holidays = [.. hours.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    public TimeZoneInfo Zone => zone;

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return !holidays.Contains(date) && slots[local.DayOfWeek].Any(s => time >= s.From && time < s.To);
    }

    /// <summary>The next instant it opens after <paramref name="instant"/> (itself when open), or null when no slot comes within 60 days.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant))
        {
            return instant;
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var day = 0; day <= LookAheadDays; day++)
        {
            var date = today.AddDays(day);
            if (holidays.Contains(date))
            {
                continue;
            }

            foreach (var (from, _) in slots[date.DayOfWeek].OrderBy(s => s.From))
            {
                var opening = date.ToDateTime(from);
                if (zone.IsInvalidTime(opening))
                {
                    opening = opening.AddHours(1); // the clocks jumped over it: it opens an hour later, local time
                }

                var at = new DateTimeOffset(opening, zone.GetUtcOffset(opening));
                if (at > instant)
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <summary>"HH:mm" as a time of day; "24:00" is the end of the day.</summary>
    internal static TimeOnly Time(string text) =>
        text == "24:00" ? TimeOnly.MaxValue : TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
}
