using Grid.CustomerDirectory;
using Grid.Proactive;

namespace Grid.Tests.Proactive;

/// <summary>One customer's push decided (pure): consent, preferred channel, fallback after a failure, quiet hours, urgency.</summary>
public sealed class PushPlannerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Texts = new() { ["fr"] = "Panne connue", ["en"] = "Known breakdown" };

    private static IncidentDefinition Incident(bool urgent = false, PushQuietHours? quiet = null) => new(
        "k", "t", "", "building=12", Texts, new Dictionary<string, string>(),
        [new ChannelRoute(Channel.Sms, "sms-gw"), new ChannelRoute(Channel.Email, "mail")], urgent, null, quiet, null);

    private static DirectoryCustomer Customer(string[]? consent, string? preferred = null, string? zone = null, bool unsubscribed = false, string? email = "a@b.example",
        string? phone = "+33600000001") =>
        new("C-1", null, "A", null, null, [], [], email is null && phone is null ? [] : [new DirectoryContact("A", email, phone)], [], [], [], "en", "FR",
            consent, preferred, zone, unsubscribed);

    [Fact]
    public void The_first_consented_channel_is_used_the_preferred_one_first()
    {
        var sms = Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["sms", "email"]), Incident(), Texts, Noon));
        Assert.Equal((Channel.Sms, "+33600000001", "en", "Known breakdown"), (sms.Route.Channel, sms.Address, sms.Language, sms.Text));
        Assert.Equal(Channel.Email, Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["sms", "email"], preferred: "email"), Incident(), Texts, Noon)).Route.Channel);
        Assert.Equal(Channel.Email, Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["email"]), Incident(), Texts, Noon)).Route.Channel);
    }

    [Fact]
    public void A_failed_channel_falls_back_to_the_next_consented_one_then_nothing_is_left()
    {
        var next = Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["sms", "email"]), Incident(), Texts, Noon, [Channel.Sms]));
        Assert.Equal(Channel.Email, next.Route.Channel);
        Assert.IsType<ExhaustedPlan>(PushPlanner.Plan(Customer(["sms", "email"]), Incident(), Texts, Noon, [Channel.Sms, Channel.Email]));
    }

    [Fact]
    public void Customers_are_skipped_with_the_reason()
    {
        Assert.Equal("unsubscribed", Assert.IsType<SkipPlan>(PushPlanner.Plan(Customer(["sms"], unsubscribed: true), Incident(), Texts, Noon)).Reason);
        Assert.Equal("no-consent", Assert.IsType<SkipPlan>(PushPlanner.Plan(Customer(null), Incident(), Texts, Noon)).Reason);
        Assert.Equal("no-consent", Assert.IsType<SkipPlan>(PushPlanner.Plan(Customer(["whatsapp"]), Incident(), Texts, Noon)).Reason);
        Assert.Equal("no-reachable-channel", Assert.IsType<SkipPlan>(PushPlanner.Plan(Customer(["sms"], email: null, phone: null), Incident(), Texts, Noon)).Reason);
        Assert.Equal("not-in-directory", Assert.IsType<SkipPlan>(PushPlanner.Plan(null, Incident(), Texts, Noon)).Reason);
    }

    [Fact]
    public void Quiet_hours_in_the_customers_zone_defer_to_their_end_unless_urgent()
    {
        var quiet = new PushQuietHours(21 * 60, 8 * 60); // 21:00 to 08:00
        // Noon UTC is 21:00 in Tokyo: deferred to 08:00 Tokyo, 23:00 UTC.
        var deferred = Assert.IsType<DeferPlan>(PushPlanner.Plan(Customer(["sms"], zone: "Asia/Tokyo"), Incident(quiet: quiet), Texts, Noon));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero), deferred.Until);
        Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["sms"], zone: "Europe/Paris"), Incident(quiet: quiet), Texts, Noon));
        Assert.IsType<SendPlan>(PushPlanner.Plan(Customer(["sms"], zone: "Asia/Tokyo"), Incident(urgent: true, quiet: quiet), Texts, Noon));
        // 03:00 local (before the end, after midnight): the same day's 08:00.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
            PushPlanner.QuietUntil(quiet, TimeZoneInfo.Utc, new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)));
    }
}
