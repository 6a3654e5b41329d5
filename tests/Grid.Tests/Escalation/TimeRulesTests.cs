using Grid.Conversations;
using Grid.Escalation;

namespace Grid.Tests.Escalation;

/// <summary>
/// The pure parts of time in a conversation: callback times as customers write them (French and English), quiet hours
/// over midnight, the tenant's wording and the validation of the policy's time rules and templates.
/// </summary>
public sealed class TimeRulesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    // Tuesday 1 December 2026, 15:00 in Paris.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("rappelez-moi demain à 10h svp", "2026-12-02 10:00")]
    [InlineData("pouvez vous me rappeler demain matin", "2026-12-02 09:00")]
    [InlineData("rappelez moi apres-demain vers 14h30", "2026-12-03 14:30")]
    [InlineData("qqn peut me rappeler vendredi ?", "2026-12-04 09:00")]
    [InlineData("rappelez-moi à 17h", "2026-12-01 17:00")]
    [InlineData("rappelez-moi à 11h", "2026-12-02 11:00")] // 11:00 has passed today
    [InlineData("vous pouvez me rappeler ce soir", "2026-12-01 18:00")]
    [InlineData("call me back tomorrow at 2pm please", "2026-12-02 14:00")]
    [InlineData("can someone call me back on monday morning", "2026-12-07 09:00")]
    [InlineData("pls call me back at 4", "2026-12-01 16:00")]
    [InlineData("i'd like a callback this afternoon", "2026-12-01 15:00")] // 14:00 has passed: now
    [InlineData("call me back at 10.30 am tomorrow", "2026-12-02 10:30")]
    [InlineData("rappelez-moi dans 2 heures", "2026-12-01 17:00")]
    [InlineData("call me back in 30 minutes", "2026-12-01 15:30")]
    public void Reads_the_time_a_customer_asks_to_be_called(string text, string expected)
    {
        var at = CallbackTime.Parse(text, Now, Paris);
        Assert.NotNull(at);
        Assert.Equal(expected, TimeZoneInfo.ConvertTime(at!.Value, Paris).ToString("yyyy-MM-dd HH:mm"));
    }

    [Theory]
    [InlineData("rappelez-moi svp")]
    [InlineData("call me back when you can")]
    [InlineData("rappelez-moi, ma facture de 45 euros est fausse")]
    public void Names_no_time_when_there_is_none(string text) => Assert.Null(CallbackTime.Parse(text, Now, Paris));

    [Theory]
    [InlineData("rappelez-moi au 06 12 34 56 78 svp", "+33612345678")]
    [InlineData("call me on +44 7700 900123", "+447700900123")]
    [InlineData("rappelez-moi demain à 10h", null)]
    [InlineData("ma facture F-2024-118 de 45,00 euros", null)]
    public void Finds_a_number_to_call_in_the_text(string text, string? expected) => Assert.Equal(expected, CallbackTime.PhoneIn(text));

    [Fact]
    public void Quiet_hours_span_midnight_and_end_in_the_morning()
    {
        var quiet = new QuietSchedule(new QuietHours("Europe/Paris", "21:00", "08:00"));
        Assert.False(quiet.IsQuiet(Now));
        var late = new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero); // 23:30 in Paris
        Assert.True(quiet.IsQuiet(late));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero), quiet.End(late)); // 08:00 in Paris
        var early = new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero); // 06:00 in Paris
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero), quiet.End(early));
        Assert.Equal(Now, quiet.End(Now));

        var lunch = new QuietSchedule(new QuietHours("UTC", "12:00", "14:00"));
        Assert.True(lunch.IsQuiet(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero)));
        Assert.False(lunch.IsQuiet(Now));
    }

    [Fact]
    public void A_tenants_wording_replaces_grids_with_its_placeholders_filled()
    {
        var wording = new NoticeWording([new NoticeTemplate("agent-joined", "fr", "Bonjour, je suis {agent} et je m'occupe de vous.")]);
        Assert.Equal("Bonjour, je suis Léa et je m'occupe de vous.", CustomerNotices.AgentJoined("fr", "Léa", wording));
        Assert.Equal("Léa has joined the conversation and is taking care of your request.", CustomerNotices.AgentJoined("en", "Léa", wording));
    }

    [Theory]
    [InlineData("sla[0].first_response")]
    [InlineData("sla[1].min_priority")]
    [InlineData("sla[0]")]
    [InlineData("status_interval")]
    [InlineData("quiet_hours.time_zone")]
    [InlineData("quiet_hours")]
    [InlineData("templates[0].purpose")]
    [InlineData("templates[0].language")]
    [InlineData("templates[0].text")]
    [InlineData("templates[1]")]
    public void Bad_time_rules_and_templates_are_refused_naming_the_field(string field)
    {
        var policy = field switch
        {
            "sla[0].first_response" => EscalationPolicy.Default with { Sla = [new SlaRule(0, TimeSpan.Zero, null, null)] },
            "sla[1].min_priority" => EscalationPolicy.Default with { Sla = [new SlaRule(10, TimeSpan.FromHours(1), null, null), new SlaRule(10, null, TimeSpan.FromHours(1), null)] },
            "sla[0]" => EscalationPolicy.Default with { Sla = [new SlaRule(0, null, null, null)] },
            "status_interval" => EscalationPolicy.Default with { StatusInterval = TimeSpan.FromDays(31) },
            "quiet_hours.time_zone" => EscalationPolicy.Default with { Quiet = new QuietHours("Mars/Olympus", "21:00", "08:00") },
            "quiet_hours" => EscalationPolicy.Default with { Quiet = new QuietHours("UTC", "21:00", "21:00") },
            "templates[0].purpose" => EscalationPolicy.Default with { Templates = [new NoticeTemplate("goodbye", "fr", "Au revoir")] },
            "templates[0].language" => EscalationPolicy.Default with { Templates = [new NoticeTemplate("resolved", "de", "Erledigt")] },
            "templates[0].text" => EscalationPolicy.Default with { Templates = [new NoticeTemplate("resolved", "fr", "Résolu par {agent}")] },
            "templates[1]" => EscalationPolicy.Default with { Templates = [new NoticeTemplate("resolved", "fr", "Résolu"), new NoticeTemplate("resolved", "fr", "Fini")] },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var refused = EscalationPolicyValidator.Check(policy);
        Assert.NotNull(refused);
        Assert.Equal(field, refused!.Field);
        Assert.StartsWith(field, refused.Message);
    }

    [Fact]
    public void Good_time_rules_and_templates_pass()
    {
        var policy = EscalationPolicy.Default with
        {
            Sla = [new SlaRule(0, TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromDays(2)), new SlaRule(50, TimeSpan.FromMinutes(10), null, null)],
            StatusInterval = TimeSpan.FromMinutes(15),
            AutoResolveAfter = TimeSpan.FromDays(3),
            Quiet = new QuietHours("Europe/Paris", "21:00", "08:00"),
            Templates = [new NoticeTemplate("agent-joined", "fr", "{agent} vous répond."), new NoticeTemplate("agent-joined", "en", "{agent} is here.")],
        };
        Assert.Null(EscalationPolicyValidator.Check(policy));
    }
}
