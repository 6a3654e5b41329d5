using Grid.Bot;
using Grid.Pipeline;
using Grid.Storage;

namespace Grid.Proactive;

/// <summary>
/// Deflection (pipeline step "incident", before the callback and the bot; docs/architecture.md, "Proactive pushes"):
/// while an incident is open, a message from a customer its audience holds is answered at once with the incident's
/// latest status (in the customer's language, else the incident's default) and recorded as deflected. A customer who asks
/// for a person, or writes again after that answer, is escalated with the incident in the conversation's facts
/// (<c>incident.id</c>, <c>incident.title</c>, shown in the agent's offer). Conversations with a person are left alone.
/// </summary>
internal sealed class IncidentStep(OpenIncidents incidents, IProactiveStore store) : IInboundStep
{
    public const string StepName = "incident";
    public const string IdFact = "incident.id";
    public const string TitleFact = "incident.title";
    public const string OutcomeFact = "incident.outcome";
    public const string Purpose = "incident-status";

    private static readonly HumanRequestDetector Requests = new();
    private static readonly TextNormalizer Normalizer = new();

    public string Name => StepName;

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Status is not (ConversationStatus.New or ConversationStatus.Bot) || context.Handled || context.Escalation is not null)
        {
            return;
        }

        var open = await incidents.GetAsync(context.Message.Tenant);
        if (open.Count == 0)
        {
            return;
        }

        var tags = await store.GetTagsAsync(context.Message.Tenant, context.Customer.CustomerId);
        if (tags.Count == 0 || open.FirstOrDefault(i => i.Audience.Matches(tags)) is not { } affected)
        {
            return;
        }

        var incident = affected.Summary;
        var answeredBefore = context.StepState(Name).TryGetValue("answered", out var id) && id == incident.IncidentId;
        var asksForPerson = context.Message.Text.Length > 0 && Requests.IsRequest(Normalizer.Normalize(context.Message.Text, context.Language));
        if (answeredBefore || asksForPerson)
        {
            context.SetFacts(Name, Facts(incident, ContactOutcomes.Escalated));
            context.Escalate(Name, "default", "incident:" + incident.IncidentId);
            return;
        }

        var text = incident.LatestTexts.GetValueOrDefault(context.Language) ?? incident.LatestTexts.GetValueOrDefault(incident.DefaultLanguage) ?? incident.LatestTexts.Values.First();
        context.SetFacts(Name, Facts(incident, ContactOutcomes.Deflected));
        context.SetStepState(Name, new Dictionary<string, string> { ["answered"] = incident.IncidentId });
        context.Reply(Name, text, EntryKind.BotMessage, Purpose);
    }

    private static Dictionary<string, string> Facts(IncidentSummary incident, string outcome) => new(StringComparer.Ordinal)
    {
        [IdFact] = incident.IncidentId,
        [TitleFact] = incident.Title,
        [OutcomeFact] = outcome,
    };
}
