using Grid.Escalation;

namespace Grid.Tests.Escalation;

/// <summary>Opening hours in the tenant's time zone: open or not, the next opening over weekends, holidays and summer time.</summary>
public sealed class OpeningScheduleTests
{
    private static readonly OpeningSlot[] Weekdays =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .SelectMany(d => new[] { new OpeningSlot(d, "09:00", "12:30"), new OpeningSlot(d, "13:30", "18:00") }),
    ];

    private static readonly OpeningSchedule Paris = new(new OpeningHours("Europe/Paris", Weekdays, ["2026-12-25"]));

    [Theory]
    [InlineData("2026-12-07T08:00:00Z", true)]   // Monday 09:00 in Paris (UTC+1)
    [InlineData("2026-12-07T07:59:59Z", false)]  // 08:59:59
    [InlineData("2026-12-07T11:45:00Z", false)]  // 12:45, the lunch break
    [InlineData("2026-12-07T16:59:00Z", true)]   // 17:59
    [InlineData("2026-12-07T17:00:00Z", false)]  // 18:00, closed
    [InlineData("2026-12-12T10:00:00Z", false)]  // Saturday
    [InlineData("2026-12-25T10:00:00Z", false)]  // Christmas, a Friday
    public void Knows_whether_it_is_open_in_local_time(string instant, bool open) =>
        Assert.Equal(open, Paris.IsOpen(DateTimeOffset.Parse(instant)));

    [Theory]
    [InlineData("2026-12-12T10:00:00Z", "2026-12-14T09:00:00+01:00")] // Saturday → Monday morning
    [InlineData("2026-12-07T11:45:00Z", "2026-12-07T13:30:00+01:00")] // lunch → the afternoon
    [InlineData("2026-12-24T18:00:00Z", "2026-12-28T09:00:00+01:00")] // Thursday evening, Friday a holiday → Monday
    [InlineData("2026-12-07T09:00:00Z", "2026-12-07T09:00:00Z")]      // open: now
    public void Finds_the_next_opening(string instant, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Paris.NextOpening(DateTimeOffset.Parse(instant)));

    [Fact]
    public void Follows_summer_time_and_a_slot_the_clocks_jump_over()
    {
        var schedule = new OpeningSchedule(new OpeningHours("Europe/Paris", [new OpeningSlot(DayOfWeek.Sunday, "02:00", "04:00"), new OpeningSlot(DayOfWeek.Monday, "09:00", "18:00")], []));

        // 2027-03-28 is the Sunday the clocks go from 02:00 to 03:00: that day it opens at 03:00 summer time.
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T03:00:00+02:00"), schedule.NextOpening(DateTimeOffset.Parse("2027-03-27T12:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2027-03-29T09:00:00+02:00"), schedule.NextOpening(DateTimeOffset.Parse("2027-03-28T06:00:00Z")));
    }

    [Fact]
    public void Says_so_when_nothing_opens_within_sixty_days()
    {
        var never = new OpeningSchedule(new OpeningHours("UTC", [new OpeningSlot(DayOfWeek.Monday, "09:00", "10:00")],
            [.. Enumerable.Range(0, 70).Select(i => new DateOnly(2026, 12, 1).AddDays(i).ToString("yyyy-MM-dd"))]));

        Assert.Null(never.NextOpening(DateTimeOffset.Parse("2026-12-01T00:00:00Z")));
    }

    [Fact]
    public void Formats_the_opening_in_the_customers_language_and_the_tenants_local_time()
    {
        var opening = DateTimeOffset.Parse("2026-12-14T09:00:00+01:00");

        Assert.Equal("lundi 14 décembre à 09h00", Grid.Pipeline.Steps.AcknowledgeStep.Format(opening, french: true));
        Assert.Equal("Monday 14 December at 09:00", Grid.Pipeline.Steps.AcknowledgeStep.Format(opening, french: false));
    }
}
