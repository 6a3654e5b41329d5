using Grid.Escalation;
using Grid.Routing;

namespace Grid.Pipeline.Steps;

/// <summary>
/// Pipeline step "route" (after "escalate"): an escalation decided for the tenant's queue goes to the queue of the first
/// entry rule that matches (channel, language, customer tier, facts set by earlier steps); a flow's own queue stands. The
/// escalation then carries the queue's requirements (<see cref="EntryRules.Requirements"/>), and its priority gains
/// points for a negative sentiment of the message.
/// </summary>
internal sealed class RoutingStep(ITenantPolicies policies, ITenantRouting routing) : IInboundStep
{
    public string Name => "route";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Escalation is not { } escalation)
        {
            return;
        }

        var tenant = context.Message.Tenant;
        var rules = (await policies.GetAsync(tenant, EscalationStep.PolicyAge)).Rules;
        var config = await routing.GetAsync(tenant, EscalationStep.PolicyAge);
        var queue = escalation.Queue;
        if (queue == rules.Queue || queue == "default")
        {
            var facts = new Dictionary<string, string>(context.Facts, StringComparer.Ordinal);
            foreach (var set in context.Decisions.OfType<SetFactsDecision>())
            {
                foreach (var (key, value) in set.Facts)
                {
                    facts[key] = value;
                }
            }

            queue = EntryRules.Match(config.EntryRules, context.Message.Channel, context.Language, context.Customer.Tier, facts) ?? queue;
        }

        var boost = EntryRules.SentimentBoost(context.Analysis.Find<SentimentFinding>() is { Evidence: > 0 } sentiment ? sentiment.Score : null);
        var priority = Math.Min(100, escalation.Priority + boost);
        var due = rules.SlaFor(priority)?.FirstResponse is { } first ? context.Now + first : (DateTimeOffset?)null;
        var requirements = EntryRules.Requirements(escalation.Requirements, config.Queue(queue), context.Language, context.Customer.LastAgentId, due);
        context.AmendEscalation(e => e with { Queue = queue, Priority = priority, Requirements = requirements });
    }
}
