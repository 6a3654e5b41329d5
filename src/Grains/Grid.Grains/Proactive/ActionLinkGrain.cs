using Grid.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Prometheus;

namespace Grid.Proactive;

/// <summary>
/// Actionable pushes' link pages (docs/architecture.md, "Actionable pushes"); key: tenant, a stateless worker. Checks a
/// token (signature with this silo's key, the grain's tenant, expiry), reads the message's action from its incident
/// grain, and records an answer through the customer grain into their conversation, whose append decides "used twice"
/// durably (the journal's unique idempotency index). Awaits the incident (a read that interleaves) and the customer;
/// nothing awaits it. Never logs a token.
/// </summary>
[StatelessWorker]
internal sealed class ActionLinkGrain(ActionLinks links, IConversationJournal journal, TimeProvider clock, ILogger<ActionLinkGrain> logger)
    : Grain, IActionLinkGrain
{
    private static readonly Counter Answered = Metrics.CreateCounter(
        "grid_action_links_answered_total", "Answers to actionable pushes recorded, by action kind.", new CounterConfiguration { LabelNames = ["kind"] });

    private static readonly Counter Refused = Metrics.CreateCounter(
        "grid_action_links_refused_total", "Action link requests refused, by reason (expired, used, forged, unknown, bad-choice).",
        new CounterConfiguration { LabelNames = ["reason"] });

    private string Tenant => this.GetPrimaryKeyString();

    public async Task<ActionPage> OpenAsync(string token)
    {
        var (page, claims, view) = await CheckAsync(token);
        if (page is not null)
        {
            return page;
        }

        if (await journal.FindAsync(Tenant, ActionAnswer.IdempotencySourcePrefix + claims!.IncidentId, ActionAnswer.KeyOf(claims.CustomerId, claims.MessageNo)) is not null)
        {
            return Refuse(ActionOutcomes.Used, claims.Language);
        }

        return Page(ActionOutcomes.Open, claims, view!, null);
    }

    public async Task<ActionPage> AnswerAsync(string token, string choiceId)
    {
        var (page, claims, view) = await CheckAsync(token);
        if (page is not null)
        {
            return page;
        }

        var language = claims!.Language;
        if (ActionTexts.Choices(view!.Action, language, view.FallbackLanguage).FirstOrDefault(c => c.Id == choiceId) is not { } choice)
        {
            return Refuse(ActionOutcomes.BadChoice, language);
        }

        var answer = new ActionAnswer(claims.IncidentId, claims.MessageNo, view.Action.Kind, choice.Id, choice.Label, language, view.Action.ResultIntegrator,
            ActionTexts.Thanks(language, choice.Label), claims.CustomerId);
        var result = await GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(Tenant, claims.CustomerId)).AnswerActionAsync(answer);
        if (result.Duplicate)
        {
            return Refuse(ActionOutcomes.Used, language);
        }

        Answered.WithLabels(view.Action.Kind).Inc();
        logger.LogInformation("Incident {IncidentId} message {MessageNo}: customer {CustomerId} answered {Kind} in conversation {ConversationId}",
            claims.IncidentId, claims.MessageNo, claims.CustomerId, view.Action.Kind, result.ConversationId);
        return Page(ActionOutcomes.Answered, claims, view, choice.Label);
    }

    /// <summary>A refusal page (signature, tenant, expiry, unknown action), or the claims and the action.</summary>
    private async Task<(ActionPage? Refused, ActionLinkClaims? Claims, IncidentActionView? View)> CheckAsync(string token)
    {
        if (links.Verify(token) is not { } claims || claims.Tenant != Tenant || !IncidentIds.IsValid(claims.IncidentId))
        {
            return (Refuse(ActionOutcomes.Forged, null), null, null);
        }

        if (clock.GetUtcNow() >= claims.ExpiresAt)
        {
            return (Refuse(ActionOutcomes.Expired, claims.Language), null, null);
        }

        var view = await GrainFactory.GetGrain<IIncidentGrain>(GridKeys.Of(Tenant, claims.IncidentId)).GetActionAsync(claims.MessageNo);
        return view is null ? (Refuse(ActionOutcomes.Unknown, claims.Language), null, null) : (null, claims, view);
    }

    private static ActionPage Page(string outcome, ActionLinkClaims claims, IncidentActionView view, string? chosen) =>
        new(outcome, claims.Language, ActionTexts.Prompt(view.Action, claims.Language), ActionTexts.Pick(view.Texts, claims.Language, view.FallbackLanguage),
            ActionTexts.Choices(view.Action, claims.Language, view.FallbackLanguage), chosen);

    private static ActionPage Refuse(string reason, string? language)
    {
        Refused.WithLabels(reason).Inc();
        return new ActionPage(reason, language, "", "", [], null);
    }
}
