using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Proactive;

/// <summary>
/// An incident's internal participants (docs/architecture.md, "Internal participants"), beside the incident grain (same
/// key) so that the incident's fan-out is untouched. A participant's notice is one internal message written straight to
/// their integrator's outbox (no customer conversation; outbound id "&lt;incident&gt;:&lt;n&gt;", written again on a retry
/// and kept once by its unique id). Their updates are kept as the incident's progress; customers hear of one only through
/// templates the integrator gives, posted as an incident update. Calls the incident grain, which never calls back.
/// </summary>
internal sealed class IncidentParticipantsGrain(
    [PersistentState("incident-participants", "grid")] IPersistentState<IncidentParticipantsState> state,
    IInternalOutbox outbox,
    TimeProvider clock,
    ILogger<IncidentParticipantsGrain> logger) : Grain, IIncidentParticipantsGrain
{
    public const int RememberedUpdates = 100;

    public const string AuthorPrefix = "internal:incident:";

    private string tenant = "";
    private string incidentId = "";

    private List<ParticipantRecord> Participants => state.State.Participants;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, incidentId) = GridKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ParticipantView>> AddAsync(ParticipantDefinition participant)
    {
        var incident = await Incident().GetAsync(); // not_found for an unknown incident
        var definition = ParticipantValidator.Validate(participant);
        if (Participants.Find(p => p.Definition.ParticipantId == definition.ParticipantId) is { } existing)
        {
            if (!Same(existing.Definition, definition))
            {
                throw new ProactiveRuleException(ProactiveRuleException.Conflict,
                    $"participant_id '{definition.ParticipantId}' already names a participant of incident {incidentId} with other details; use another participant_id");
            }

            await NotifyAsync(existing); // a retry after a lost answer: the notice is written once (its outbound id is unique)
            return Views();
        }

        if (incident.Status != IncidentStatuses.Open)
        {
            throw new ProactiveRuleException(ProactiveRuleException.WrongState, $"incident {incidentId} is {incident.Status}: it takes no new participant");
        }

        if (Participants.Count >= ParticipantValidator.MaxParticipants)
        {
            throw new ProactiveRuleException(ProactiveRuleException.Invalid, $"incident {incidentId} has {ParticipantValidator.MaxParticipants} participants already");
        }

        var record = new ParticipantRecord
        {
            Definition = definition,
            Number = Participants.Count + 1,
            NoticeText = definition.Text is { Length: > 0 } text ? text : $"Incident {incident.Title} ({incidentId}): you are its {definition.Role}.",
            NotifiedAt = clock.GetUtcNow(),
        };
        Participants.Add(record);
        await state.WriteStateAsync();
        await NotifyAsync(record);
        logger.LogInformation("Incident {IncidentId} of tenant {Tenant}: participant {ParticipantId} ({Role}) added and notified on {Channel}", incidentId, tenant,
            definition.ParticipantId, definition.Role, definition.Route.Channel);
        ParticipantMetrics.Events.WithLabels("notified").Inc();
        return Views();
    }

    public async Task<IReadOnlyList<ParticipantView>> PostUpdateAsync(ParticipantUpdate update)
    {
        var incident = Incident();
        await incident.GetAsync();
        var participant = Participants.Find(p => p.Definition.ParticipantId == update.ParticipantId)
            ?? throw new ProactiveRuleException(ProactiveRuleException.NotFound,
                $"participant '{update.ParticipantId}' is not a participant of incident {incidentId}; add them with AddIncidentParticipant");
        ParticipantValidator.Validate(update);
        if (participant.UpdateIds.Contains(update.UpdateId))
        {
            return Views();
        }

        if (update.RelayTemplates.Count > 0)
        {
            // Only the integrator's templates reach customers, never the participant's own words. Posted before the update
            // is recorded: a refused relay records nothing, and a retry posts the same incident update (same update id).
            await incident.PostUpdateAsync($"participant:{participant.Definition.ParticipantId}:{update.UpdateId}", update.RelayTemplates, update.RelayOnlyContacted);
        }

        participant.UpdateIds.Add(update.UpdateId);
        if (participant.UpdateIds.Count > RememberedUpdates)
        {
            participant.UpdateIds.RemoveAt(0);
        }

        participant.LastStatus = update.Status;
        participant.LastText = update.Text;
        participant.LastUpdateAt = clock.GetUtcNow();
        participant.Updates++;
        await state.WriteStateAsync();
        logger.LogInformation("Incident {IncidentId}: participant {ParticipantId} posted update {UpdateId} ({Status}), relayed: {Relayed}", incidentId,
            participant.Definition.ParticipantId, update.UpdateId, update.Status, update.RelayTemplates.Count > 0);
        ParticipantMetrics.Events.WithLabels(update.RelayTemplates.Count > 0 ? "update-relayed" : "update").Inc();
        return Views();
    }

    public Task<IReadOnlyList<ParticipantView>> ListAsync() => Task.FromResult(Views());

    private IIncidentGrain Incident() => GrainFactory.GetGrain<IIncidentGrain>(this.GetPrimaryKeyString());

    private async Task NotifyAsync(ParticipantRecord record)
    {
        var route = record.Definition.Route;
        var message = new OutboundMessage(0, OutboundIds.Format(incidentId, record.Number), incidentId, record.Number, route.Channel, record.Definition.Address,
            record.NoticeText, EntryKind.SystemMessage, AuthorPrefix + incidentId, record.NotifiedAt, null, "");
        if (await outbox.AppendAsync(tenant, route.Integrator, message))
        {
            GrainFactory.GetGrain<IOutboxGrain>(GridKeys.Outbox(tenant, route.Integrator)).NotifyAsync([message]).Forget(logger, "participant notice hint");
        }
    }

    private static bool Same(ParticipantDefinition a, ParticipantDefinition b) =>
        a.ParticipantId == b.ParticipantId && a.Role == b.Role && a.Name == b.Name && a.Route == b.Route && a.Address == b.Address && a.Language == b.Language
        && (a.Text ?? "") == (b.Text ?? "");

    private IReadOnlyList<ParticipantView> Views() =>
    [
        .. Participants.Select(p => new ParticipantView(p.Definition.ParticipantId, p.Definition.Role, p.Definition.Name, p.Definition.Route.Channel,
            p.Definition.Route.Integrator, OutboundIds.Format(incidentId, p.Number), p.NotifiedAt, p.LastStatus, p.LastText, p.LastUpdateAt, p.Updates)),
    ];
}

/// <summary>Participants' metrics: notices sent, updates recorded (and those relayed to customers).</summary>
internal static class ParticipantMetrics
{
    public static readonly Prometheus.Counter Events = Prometheus.Metrics.CreateCounter(
        "grid_proactive_participant_events_total", "Incident participants notified, and their updates (relayed to customers or not).",
        new Prometheus.CounterConfiguration { LabelNames = ["event"] });
}
