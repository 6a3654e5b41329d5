using Grid.CustomerDirectory;
using Grid.Proactive;

namespace Grid.Tests.Proactive;

/// <summary>Scheduled pushes' and participants' validation (pure): the due time's bounds, languages, the payload hash, the policy the planner reads.</summary>
public sealed class ScheduledPushValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static ScheduledPushDefinition Push(DateTimeOffset due, string? fallback = null) => new(
        "C-1", ScheduledPushKinds.Callback, due, new Dictionary<string, string> { ["fr"] = "Nous vous rappelons à {at}." }, new Dictionary<string, string> { ["at"] = "15:00" },
        [new ChannelRoute(Channel.Voice, "ivr"), new ChannelRoute(Channel.Sms, "sms-gw")], false, fallback, new PushQuietHours(1260, 480), "Europe/Paris", "ticket-9:callback");

    private static string Refusal(Action action) => Assert.Throws<ProactiveRuleException>(action).Message;

    [Fact]
    public void The_due_time_may_be_a_minute_late_and_at_most_366_days_ahead()
    {
        ScheduledPushValidator.Validate(Push(Now.AddSeconds(-59)), Now);
        ScheduledPushValidator.Validate(Push(Now.AddDays(366)), Now);
        Assert.StartsWith("due_at_unix_ms: 2026-12-02T11:58:59Z is 61 seconds in the past", Refusal(() => ScheduledPushValidator.Validate(Push(Now.AddSeconds(-61)), Now)), StringComparison.Ordinal);
        Assert.Contains("more than 366 days ahead", Refusal(() => ScheduledPushValidator.Validate(Push(Now.AddDays(366).AddMinutes(1)), Now)), StringComparison.Ordinal);
        Assert.Contains("fallback_language: 'en' has no template", Refusal(() => ScheduledPushValidator.Validate(Push(Now, "en"), Now)), StringComparison.Ordinal);
        Assert.Contains("kind: required", Refusal(() => ScheduledPushValidator.Validate(Push(Now) with { Kind = "reminder" }, Now)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_customers_language_needs_a_template_unless_a_fallback_is_given()
    {
        var german = new DirectoryCustomer("C-1", null, "A", null, null, [], [], [], [], [], [], "de", "DE", ["sms"], null, null, false);
        Assert.Contains("no template for 'de', the language of customer C-1", Refusal(() => ScheduledPushValidator.CheckLanguage(Push(Now), german)), StringComparison.Ordinal);
        ScheduledPushValidator.CheckLanguage(Push(Now, "fr"), german);
        ScheduledPushValidator.CheckLanguage(Push(Now), german with { Language = "fr" });
    }

    [Fact]
    public void The_hash_tells_another_payload_and_the_policy_carries_channels_quiet_hours_and_zone()
    {
        var push = Push(Now);
        Assert.Equal(ScheduledPushValidator.Hash(push), ScheduledPushValidator.Hash(Push(Now)));
        Assert.NotEqual(ScheduledPushValidator.Hash(push), ScheduledPushValidator.Hash(push with { Variables = new Dictionary<string, string> { ["at"] = "16:00" } }));
        Assert.NotEqual(ScheduledPushValidator.Hash(push), ScheduledPushValidator.Hash(push with { DueAt = Now.AddMinutes(1) }));
        var policy = ScheduledPushValidator.Policy(push);
        Assert.Equal((push.Channels, push.Quiet, push.DefaultTimeZone, push.Urgent), (policy.Channels, policy.Quiet, policy.DefaultTimeZone, policy.Urgent));
        Assert.Equal(ScheduledPushIds.For("C-1", "ticket-9:callback"), ScheduledPushIds.For("C-1", "ticket-9:callback"));
        Assert.NotEqual(ScheduledPushIds.For("C-1", "ticket-9:callback"), ScheduledPushIds.For("C-2", "ticket-9:callback"));
        Assert.True(ScheduledPushIds.IsValid(ScheduledPushIds.For("C-1", "k")));
    }

    [Fact]
    public void A_participant_is_checked_and_their_address_normalised()
    {
        var tech = new ParticipantDefinition("tech-1", "technician", "Marc", new ChannelRoute(Channel.Sms, "sms-gw"), "+33 6 12 34 56 78", "fr", null);
        Assert.Equal("+33612345678", ParticipantValidator.Validate(tech).Address);
        Assert.StartsWith("role:", Refusal(() => ParticipantValidator.Validate(tech with { Role = "Chief Technician" })), StringComparison.Ordinal);
        Assert.StartsWith("participant_id:", Refusal(() => ParticipantValidator.Validate(tech with { ParticipantId = "tech 1" })), StringComparison.Ordinal);
        Assert.Contains("cannot carry a push", Refusal(() => ParticipantValidator.Validate(tech with { Route = new ChannelRoute(Channel.WebChat, "web") })), StringComparison.Ordinal);
        Assert.StartsWith("address:", Refusal(() => ParticipantValidator.Validate(tech with { Route = new ChannelRoute(Channel.Email, "mail") })), StringComparison.Ordinal);
        Assert.StartsWith("status:", Refusal(() => ParticipantValidator.Validate(new ParticipantUpdate("tech-1", "u1", " ", null, new Dictionary<string, string>(), false))), StringComparison.Ordinal);
    }
}
