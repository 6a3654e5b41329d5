using System.Globalization;
using Grid.Bot;
using Grid.Escalation;

namespace Grid.Pipeline.Steps;

/// <summary>
/// The tenant's escalation rules (<see cref="EscalationPolicy"/>) after the bot, while no person holds the
/// conversation (the rules that stop the bot from answering at all, tier and sentiment, run before it in
/// <see cref="ScreeningStep"/>): a message the bot could not answer — the bot asks the customer to put it another way
/// until it has missed <see cref="EscalationPolicy.NoMatchLimit"/> messages in a row ("no-match-limit"), and without a
/// bot (no knowledge base) it goes to a person at once ("no-bot-answer", "reopened-by-customer"), as it does while a
/// silo that just started is still building the tenant's bot ("bot-warming-up", <see cref="BotNotReady"/>). The bot's own
/// escalations (asked for a person, a flow's end) and the screening's stand. Every escalation goes
/// to the tenant's queue when it was decided for "default", with the priority of the customer's tier, and records
/// when people next answer when it is decided outside opening hours (the acknowledgement says so).
/// </summary>
internal sealed class EscalationStep(ITenantPolicies policies, TimeProvider clock) : IInboundStep
{
    /// <summary>How old a silo's copy of the policy may be: a change reaches every silo within this.</summary>
    public static readonly TimeSpan PolicyAge = TimeSpan.FromSeconds(5);

    public const string NextOpeningFact = "next-opening";

    /// <summary>The purpose of the bot's message asking the customer to put a question it could not answer another way.</summary>
    public const string RephrasePurpose = "rephrase";

    /// <summary>The reason of an escalation after the tenant's limit of messages in a row the bot could not answer.</summary>
    public const string NoMatchLimitReason = "no-match-limit";

    /// <summary>The tenant has a bot, but the silo was still building it when the message came (<see cref="BotNotReady"/>).</summary>
    public const string BotWarmingUpReason = "bot-warming-up";

    public string Name => "escalate";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Status is not (ConversationStatus.New or ConversationStatus.Bot))
        {
            return;
        }

        var policy = await policies.GetAsync(context.Message.Tenant, PolicyAge);
        var rules = policy.Rules;
        var tier = rules.TierOf(context.Customer.Tier);
        if (context.Escalation is null)
        {
            Decide(context, rules);
        }

        if (context.Escalation is null)
        {
            return;
        }

        context.AmendEscalation(e => e with
        {
            Queue = e.Queue == "default" ? rules.Queue : e.Queue,
            Priority = Math.Max(e.Priority, tier?.Priority ?? 0),
        });
        var now = clock.GetUtcNow();
        if (policy.Schedule is { } schedule && !schedule.IsOpen(now))
        {
            var next = schedule.NextOpening(now);
            context.SetFacts(Name, new Dictionary<string, string>
            {
                [NextOpeningFact] = next?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            });
        }
    }

    private void Decide(InboundContext context, EscalationPolicy rules)
    {
        if (context.Handled)
        {
            return;
        }

        if (context.Analysis.Find<BotFinding>() is null)
        {
            context.Escalate(Name, rules.Queue, context.Reopened ? "reopened-by-customer"
                : context.Analysis.Find<BotNotReady>() is not null ? BotWarmingUpReason : "no-bot-answer");
            return;
        }

        if (BotStep.Misses(context.StepState("bot")) >= rules.NoMatchLimit)
        {
            context.Escalate(Name, rules.Queue, NoMatchLimitReason);
            return;
        }

        context.Reply(Name, context.Language == "fr" ? RephraseFrench : RephraseEnglish, EntryKind.BotMessage, RephrasePurpose);
    }

    private const string RephraseFrench =
        "Je ne suis pas sûr d'avoir bien compris. Pouvez-vous reformuler votre question ? Vous pouvez aussi demander à parler à un conseiller.";

    private const string RephraseEnglish =
        "I'm not sure I understood. Could you put your question another way? You can also ask to talk to an adviser.";
}
