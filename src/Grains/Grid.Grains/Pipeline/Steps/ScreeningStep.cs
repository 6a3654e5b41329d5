using Grid.Escalation;

namespace Grid.Pipeline.Steps;

/// <summary>
/// The escalation rules that come before the bot (pipeline step "screen"), while no person holds the conversation: a
/// customer whose tier always goes to a person ("tier:&lt;name&gt;", with the tier's priority), and a message whose
/// sentiment is at or below the tenant's threshold ("negative-sentiment"). Either goes to a person without the bot
/// answering: an angry customer or a key account is not given a canned answer.
/// </summary>
internal sealed class ScreeningStep(ITenantPolicies policies) : IInboundStep
{
    public string Name => "screen";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Status is not (ConversationStatus.New or ConversationStatus.Bot) || context.Escalation is not null)
        {
            return;
        }

        var rules = (await policies.GetAsync(context.Message.Tenant, EscalationStep.PolicyAge)).Rules;
        if (rules.TierOf(context.Customer.Tier) is { AlwaysHuman: true } tier)
        {
            context.Escalate(Name, rules.Queue, "tier:" + tier.Name, tier.Priority);
            return;
        }

        if (rules.SentimentThreshold is { } threshold && context.Analysis.Find<SentimentFinding>() is { Evidence: > 0 } sentiment && sentiment.Score <= threshold)
        {
            context.Escalate(Name, rules.Queue, "negative-sentiment");
        }
    }
}
