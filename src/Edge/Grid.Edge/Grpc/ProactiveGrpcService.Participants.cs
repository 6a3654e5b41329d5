using Grid.Edge.Grpc.Validation;
using Grid.Proactive;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Incidents' internal participants (docs/architecture.md, "Internal participants"), in the incident's <see cref="IIncidentParticipantsGrain"/>.</summary>
public sealed partial class ProactiveGrpcService
{
    public override async Task<P.Incident> AddIncidentParticipant(P.AddIncidentParticipantRequest request, ServerCallContext context)
    {
        Check(TextRules.Characters(request.Text, "text") ?? TextRules.Characters(request.Name, "name"));
        var participant = new ParticipantDefinition(request.ParticipantId, request.Role, Empty(request.Name), Route(request.Route, "route"), request.Address,
            Empty(request.Language), Empty(request.Text));
        var participants = await Participants(context, request.IncidentId).AddAsync(participant);
        return WithParticipants(ToProto(await Incident(context, request.IncidentId).GetAsync()), participants);
    }

    public override async Task<P.Incident> PostParticipantUpdate(P.PostParticipantUpdateRequest request, ServerCallContext context)
    {
        Check(TextRules.Characters(request.Status, "status") ?? TextRules.Characters(request.Text, "text"));
        var update = new ParticipantUpdate(request.ParticipantId, request.UpdateId, request.Status, Empty(request.Text), Map(request.RelayTemplates), request.RelayOnlyContacted);
        var participants = await Participants(context, request.IncidentId).PostUpdateAsync(update);
        return WithParticipants(ToProto(await Incident(context, request.IncidentId).GetAsync()), participants);
    }

    /// <summary>The incident with its participants (GetIncident, WatchIncident).</summary>
    private async Task<P.Incident> WithParticipantsAsync(ServerCallContext context, P.Incident incident) =>
        WithParticipants(incident, await Participants(context, incident.IncidentId).ListAsync());

    private IIncidentParticipantsGrain Participants(ServerCallContext context, string incidentId)
    {
        _ = Incident(context, incidentId); // INVALID_ARGUMENT for a malformed id
        return grains.GetGrain<IIncidentParticipantsGrain>(GridKeys.Of(Tenant(context), incidentId));
    }

    private static P.Incident WithParticipants(P.Incident incident, IReadOnlyList<ParticipantView> participants)
    {
        incident.Participants.AddRange(participants.Select(p => new P.IncidentParticipant
        {
            ParticipantId = p.ParticipantId, Role = p.Role, Name = p.Name ?? "", Channel = ProtoMap.ToProto(p.Channel), Integrator = p.Integrator,
            NoticeOutboundId = p.NoticeOutboundId, NotifiedAtUnixMs = p.NotifiedAt.ToUnixTimeMilliseconds(), LastStatus = p.LastStatus ?? "", LastText = p.LastText ?? "",
            LastUpdateAtUnixMs = p.LastUpdateAt?.ToUnixTimeMilliseconds() ?? 0, Updates = p.Updates,
        }));
        return incident;
    }
}
