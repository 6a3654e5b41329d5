namespace Grid.Escalation;

/// <summary>
/// A tenant's <see cref="QuietHours"/> made ready to ask: is an instant quiet, and when does the quiet end. A span
/// whose end is before its start ("21:00" to "08:00") runs over midnight; equal ends mean no quiet at all.
/// </summary>
internal sealed class QuietSchedule(QuietHours hours)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
    private readonly TimeOnly from = OpeningSchedule.Time(hours.From);
    private readonly TimeOnly to = OpeningSchedule.Time(hours.To);

    public bool IsQuiet(DateTimeOffset instant)
    {
        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return from < to ? time >= from && time < to : from > to && (time >= from || time < to);
    }

    /// <summary>The first instant at or after <paramref name="instant"/> that is not quiet.</summary>
    public DateTimeOffset End(DateTimeOffset instant)
    {
        if (!IsQuiet(instant))
        {
            return instant;
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= to)
        {
            date = date.AddDays(1); // quiet since the evening: it ends tomorrow morning
        }

        var end = date.ToDateTime(to);
        if (zone.IsInvalidTime(end))
        {
            end = end.AddHours(1);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
