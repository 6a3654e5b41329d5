using System.Globalization;
using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Pipeline.Steps;

/// <summary>
/// Tells the customer, in their language, when their conversation goes to a person: that the message arrived and
/// someone will answer — or, outside the tenant's opening hours, when people answer again and that they can ask to be
/// called back. An email acknowledgement gives the conversation's reference; an acknowledgement gives the expected
/// response time of the conversation's category (the policy's response_times), else of its priority's first-response
/// deadline. The tenant's wording
/// (<see cref="Conversations.NoticeWording"/>) replaces the configured texts.
/// </summary>
internal sealed class AcknowledgeStep(IOptions<GridRuntimeOptions> options, Escalation.ITenantPolicies policies) : IInboundStep
{
    public string Name => "acknowledge";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        var acknowledgement = options.Value.Conversations.Acknowledgement;
        if (!acknowledgement.Enabled || context.Status is not (ConversationStatus.New or ConversationStatus.Bot) || context.Escalation is null)
        {
            return;
        }

        var policy = await policies.GetAsync(context.Message.Tenant, EscalationStep.PolicyAge);
        var wording = policy.Wording;
        var french = context.Language == "fr";
        var (closed, opening) = NextOpening(context);
        var reference = ("reference", context.ConversationId);
        if (closed)
        {
            var template = WithReference(context, french ? acknowledgement.OutsideHoursFrench : acknowledgement.OutsideHoursEnglish, french);
            var when = opening is { } at ? Format(at, french) : (french ? "dès que possible" : "as soon as possible");
            context.Reply(Name, wording.Text(Conversations.NoticePurposes.OutsideHours, context.Language, template, reference, ("opening", when)),
                EntryKind.SystemMessage, Conversations.NoticePurposes.OutsideHours);
        }
        else
        {
            var template = WithReference(context, french ? acknowledgement.French : acknowledgement.English, french);
            var within = policy.Rules.ResponseTimeFor(Fact(context, Triage.TriageAnalyzer.CategoryFact), context.Escalation.Priority);
            if (within is not null && !template.Contains("{response_time}", StringComparison.Ordinal))
            {
                template += french ? " Nous vous répondrons sous {response_time}." : " We will answer within {response_time}.";
            }

            var responseTime = ("response_time", within is { } span ? Duration(span, french) : (french ? "dès que possible" : "as soon as possible"));
            context.Reply(Name, wording.Text(Conversations.NoticePurposes.Acknowledgement, context.Language, template, reference, responseTime),
                EntryKind.SystemMessage, Conversations.NoticePurposes.Acknowledgement);
        }
    }

    /// <summary>A fact as this message leaves it: set by an earlier step now, else known to the conversation.</summary>
    private static string? Fact(InboundContext context, string key)
    {
        foreach (var facts in context.Decisions.OfType<SetFactsDecision>().Reverse())
        {
            if (facts.Facts.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return context.Facts.GetValueOrDefault(key);
    }

    /// <summary>"4 heures" / "4 hours", "30 minutes", "2 jours" / "2 days": rounded up to the unit that reads best.</summary>
    internal static string Duration(TimeSpan span, bool french)
    {
        var (count, unitFr, unitEn) = span.TotalMinutes < 90 ? ((int)Math.Ceiling(span.TotalMinutes), "minute", "minute")
            : span.TotalHours < 48 ? ((int)Math.Ceiling(span.TotalHours), "heure", "hour")
            : ((int)Math.Ceiling(span.TotalDays), "jour", "day");
        return $"{count} {(french ? unitFr : unitEn)}{(count > 1 ? "s" : "")}";
    }

    /// <summary>An email acknowledgement ends with the reference to quote (customers answer emails days later).</summary>
    private static string WithReference(InboundContext context, string text, bool french) =>
        context.Message.Channel != Channel.Email || context.ConversationId.Length == 0 || text.Contains("{reference}", StringComparison.Ordinal)
            ? text
            : text + (french ? " Votre référence : {reference}." : " Your reference: {reference}.");

    /// <summary>Whether the escalation is outside opening hours, and then the next opening (null: none known).</summary>
    private static (bool Closed, DateTimeOffset? Opening) NextOpening(InboundContext context)
    {
        foreach (var facts in context.Decisions.OfType<SetFactsDecision>())
        {
            if (facts.Facts.TryGetValue(EscalationStep.NextOpeningFact, out var text))
            {
                return (true, DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null);
            }
        }

        return (false, null);
    }

    /// <summary>"lundi 7 décembre à 09h00" / "Monday 7 December at 09:00", the tenant's local time (the value's offset).</summary>
    internal static string Format(DateTimeOffset at, bool french)
    {
        var local = at.DateTime;
        return french
            ? $"{FrenchDays[(int)local.DayOfWeek]} {local.Day} {FrenchMonths[local.Month - 1]} à {local:HH}h{local:mm}"
            : $"{local.DayOfWeek} {local.Day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(local.Month)} at {local:HH:mm}";
    }

    private static readonly string[] FrenchDays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
}
