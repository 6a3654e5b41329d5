using System.Globalization;
using System.Text.RegularExpressions;
using Grid.Bot;

namespace Grid.Escalation;

/// <summary>
/// When a customer asks to be called back, in their words, French or English (pure): a day ("demain", "tomorrow",
/// "après-demain", "lundi", "friday", "aujourd'hui") and a time ("14h", "14h30", "14:30", "2pm", "à 10", "midi",
/// "le matin", "this afternoon", "ce soir"), or a delay ("dans 2 heures", "in 30 minutes"), in the tenant's time zone.
/// A day without a time means its morning (the caller moves it to the next opening); a time without a day means today,
/// or tomorrow once it has passed. Null when the message names no time. Also finds a phone number to call in the text
/// (E.164, or a French national number).
/// </summary>
internal static partial class CallbackTime
{
    private static readonly TimeOnly Morning = new(9, 0);
    private static readonly TimeOnly Noon = new(12, 0);
    private static readonly TimeOnly Afternoon = new(14, 0);
    private static readonly TimeOnly Evening = new(18, 0);

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["lundi"] = DayOfWeek.Monday, ["mardi"] = DayOfWeek.Tuesday, ["mercredi"] = DayOfWeek.Wednesday, ["jeudi"] = DayOfWeek.Thursday,
        ["vendredi"] = DayOfWeek.Friday, ["samedi"] = DayOfWeek.Saturday, ["dimanche"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    public static DateTimeOffset? Parse(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var folded = TextNormalizer.Fold(text);
        if (Delay().Match(folded) is { Success: true } delay)
        {
            var amount = int.Parse(delay.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = delay.Groups["unit"].Value;
            return now + (unit.StartsWith('h') ? TimeSpan.FromHours(amount) : TimeSpan.FromMinutes(amount));
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var day = Day(folded, today);
        var time = Time(folded);
        if (day is null && time is null)
        {
            return null;
        }

        var date = day ?? today;
        var at = time ?? Morning;
        if (day is null && date.ToDateTime(at) <= local.DateTime)
        {
            date = date.AddDays(1); // "at 10" said at noon: tomorrow at 10
        }

        var wall = date.ToDateTime(at);
        if (zone.IsInvalidTime(wall))
        {
            wall = wall.AddHours(1);
        }

        var result = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        return result < now ? now : result;
    }

    /// <summary>A phone number written in the message: "+33 6 12 34 56 78", "06 12 34 56 78" (French: +33), or null.</summary>
    public static string? PhoneIn(string text)
    {
        if (Phone().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var digits = new string(match.Value.Where(char.IsDigit).ToArray());
        return match.Value.TrimStart().StartsWith('+') ? "+" + digits : "+33" + digits[1..];
    }

    private static DateOnly? Day(string folded, DateOnly today)
    {
        if (AfterTomorrow().IsMatch(folded))
        {
            return today.AddDays(2);
        }

        if (Tomorrow().IsMatch(folded))
        {
            return today.AddDays(1);
        }

        if (Today().IsMatch(folded))
        {
            return today;
        }

        foreach (Match word in Word().Matches(folded))
        {
            if (Weekdays.TryGetValue(word.Value, out var weekday))
            {
                var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
                return today.AddDays(ahead == 0 ? 7 : ahead);
            }
        }

        return null;
    }

    private static TimeOnly? Time(string folded)
    {
        if (ClockTime().Match(folded) is { Success: true } clock)
        {
            var hour = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (clock.Groups["ampm"].Success)
            {
                hour = hour % 12 + (clock.Groups["ampm"].Value.StartsWith('p') ? 12 : 0);
            }

            return hour < 24 ? new TimeOnly(hour, minute) : null;
        }

        if (BareHour().Match(folded) is { Success: true } bare)
        {
            var hour = int.Parse(bare.Groups["h"].Value, CultureInfo.InvariantCulture);
            return new TimeOnly(hour is >= 1 and <= 7 ? hour + 12 : hour, 0); // nobody asks for a call at 3 at night
        }

        return NoonWord().IsMatch(folded) ? Noon
            : AfternoonWord().IsMatch(folded) ? Afternoon
            : EveningWord().IsMatch(folded) ? Evening
            : MorningWord().IsMatch(folded) ? Morning
            : null;
    }

    [GeneratedRegex(@"\b(?:dans|in)\s+(?<n>\d{1,3})\s*(?<unit>h|heures?|hours?|hrs?|min|mins|minutes?)\b")]
    private static partial Regex Delay();

    [GeneratedRegex(@"\b(?:apres[ -]demain|day after tomorrow)\b")]
    private static partial Regex AfterTomorrow();

    [GeneratedRegex(@"\b(?:demain|2main|tomorrow|tmrw|tomorow)\b")]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"\b(?:aujourd'?\s?hui|auj|today|ce matin|cet apres[ -]midi|ce soir|this morning|this afternoon|this evening|tonight)\b")]
    private static partial Regex Today();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    // "14h", "14 h 30", "14h30", "14:30", "2pm", "2.30 pm", "10 am"
    [GeneratedRegex(@"\b(?<h>[01]?\d|2[0-3])\s*(?:h\s*(?<m>[0-5]\d)?|[:.](?<m>[0-5]\d)\s*(?<ampm>[ap]\.?m\.?)?|\s*(?<ampm>[ap]\.?m\.?))(?![\p{L}\d])")]
    private static partial Regex ClockTime();

    // "à 10", "a 10", "at 3", "vers 11", "around 4"
    [GeneratedRegex(@"\b(?:a|at|vers|around|about|apres|after)\s+(?<h>[01]?\d|2[0-3])\b(?!\s*(?:jours?|days?|min|minutes?|semaines?|weeks?|%|euros?|€))")]
    private static partial Regex BareHour();

    [GeneratedRegex(@"\b(?:midi|noon|lunchtime|lunch time)\b")]
    private static partial Regex NoonWord();

    [GeneratedRegex(@"\b(?:apres[ -]midi|afternoon|aprem)\b")]
    private static partial Regex AfternoonWord();

    [GeneratedRegex(@"\b(?:soir|soiree|evening|tonight)\b")]
    private static partial Regex EveningWord();

    [GeneratedRegex(@"\b(?:matin|matinee|morning)\b")]
    private static partial Regex MorningWord();

    [GeneratedRegex(@"(?<![\d+])(?:\+\d(?:[ .-]?\d){7,14}|0[1-9](?:[ .-]?\d{2}){4})(?!\d)")]
    private static partial Regex Phone();
}
