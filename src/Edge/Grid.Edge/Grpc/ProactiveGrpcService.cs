using Google.Protobuf.Reflection;
using Grid.Edge.Grpc.Validation;
using Grid.Proactive;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// Customer tags, audiences and incidents of the caller's tenant (proactive scope, checked by
/// <see cref="GridServerInterceptor"/>): tags and previews in the tenant's <see cref="IAudienceGrain"/>, incidents in
/// their <see cref="IIncidentGrain"/> (keyed by the id derived from the dedupe key), lists in the tenant's registry.
/// Grains validate what needs the data; refusals map to status codes in the interceptor.
/// </summary>
[BindServiceMethod(typeof(ProactiveGrpcService), nameof(BindService))]
public sealed partial class ProactiveGrpcService(IGrainFactory grains) : P.ProactiveService.ProactiveServiceBase
{
    public static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(500);

    public static void BindService(ServiceBinderBase binder, P.ProactiveService.ProactiveServiceBase? service) =>
        P.ProactiveService.BindService(new GuardedServiceBinder(binder), service);

    public static ServiceDescriptor Descriptor => P.ProactiveService.Descriptor;

    public override async Task<P.SetCustomerTagsResponse> SetCustomerTags(P.SetCustomerTagsRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.CustomerId, "customer_id", 64, "the customer's id"));
        var tags = await grains.GetGrain<IAudienceGrain>(Tenant(context)).SetTagsAsync(request.CustomerId, [.. request.Set], [.. request.RemoveKeys]);
        var response = new P.SetCustomerTagsResponse();
        response.Tags.AddRange(tags);
        return response;
    }

    public override async Task<P.PreviewAudienceResponse> PreviewAudience(P.PreviewAudienceRequest request, ServerCallContext context)
    {
        if (request.Sample is < 0 or > AudienceGrainLimits.MaxSample)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"sample: {request.Sample} is out of range; give 0 to {AudienceGrainLimits.MaxSample}"));
        }

        var preview = await grains.GetGrain<IAudienceGrain>(Tenant(context)).PreviewAsync(request.Audience, request.Sample);
        var response = new P.PreviewAudienceResponse { Size = preview.Size };
        response.SampleCustomerIds.AddRange(preview.Sample);
        return response;
    }

    public override async Task<P.Incident> OpenIncident(P.OpenIncidentRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.DedupeKey, "dedupe_key", 200, "the alert's id in your system")
            ?? TextRules.Characters(request.Title, "title")
            ?? TextRules.Characters(request.AlertPayload, "alert_payload"));
        var channels = request.Channels.Select((c, i) => new ChannelRoute(
            ProtoMap.FromProto(c.Channel) ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"channels[{i}].channel: required (CHANNEL_SMS, CHANNEL_EMAIL…)")),
            c.Integrator)).ToList();
        var quiet = request.QuietStartMinute == 0 && request.QuietEndMinute == 0 ? null : new PushQuietHours(request.QuietStartMinute, request.QuietEndMinute);
        var definition = new IncidentDefinition(request.DedupeKey, request.Title, request.AlertPayload, request.Audience, Map(request.Templates), Map(request.Variables),
            channels, request.Urgent, Empty(request.FallbackLanguage), quiet, Empty(request.DefaultTimeZone), Action(request.Action, context));
        return ToProto(await Incident(context, IncidentIds.For(request.DedupeKey)).OpenAsync(definition));
    }

    public override async Task<P.Incident> PostIncidentUpdate(P.PostIncidentUpdateRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.UpdateId, "update_id", 64, "an id of this update that makes it safe to retry"));
        return ToProto(await Incident(context, request.IncidentId).PostUpdateAsync(request.UpdateId, Map(request.Templates), request.OnlyContacted,
            Action(request.Action, context)));
    }

    public override async Task<P.Incident> ResolveIncident(P.ResolveIncidentRequest request, ServerCallContext context) =>
        ToProto(await Incident(context, request.IncidentId).ResolveAsync(Map(request.Templates)));

    public override async Task<P.Incident> CancelIncident(P.CancelIncidentRequest request, ServerCallContext context) =>
        ToProto(await Incident(context, request.IncidentId).CancelAsync());

    public override async Task<P.Incident> GetIncident(P.GetIncidentRequest request, ServerCallContext context) =>
        await WithParticipantsAsync(context, ToProto(await Incident(context, request.IncidentId).GetAsync()));

    public override async Task<P.ListIncidentsResponse> ListIncidents(P.ListIncidentsRequest request, ServerCallContext context)
    {
        var incidents = await grains.GetGrain<IIncidentRegistryGrain>(Tenant(context)).ListAsync(request.OpenOnly);
        var response = new P.ListIncidentsResponse();
        response.Incidents.AddRange(incidents.Select(i => new P.IncidentSummary
        {
            IncidentId = i.IncidentId, Title = i.Title, Status = i.Status, Audience = i.Audience, OpenedAtUnixMs = i.OpenedAt.ToUnixTimeMilliseconds(),
        }));
        return response;
    }

    public override async Task WatchIncident(P.GetIncidentRequest request, IServerStreamWriter<P.Incident> responseStream, ServerCallContext context)
    {
        var incident = Incident(context, request.IncidentId);
        P.Incident? last = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var now = await WithParticipantsAsync(context, ToProto(await incident.GetAsync()));
            if (!now.Equals(last))
            {
                await responseStream.WriteAsync(now, context.CancellationToken);
                last = now;
            }

            if (now.Messages.All(m => m.Done))
            {
                return;
            }

            await Task.Delay(WatchEvery, context.CancellationToken);
        }
    }

    private IIncidentGrain Incident(ServerCallContext context, string incidentId) =>
        IncidentIds.IsValid(incidentId)
            ? grains.GetGrain<IIncidentGrain>(GridKeys.Of(Tenant(context), incidentId))
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"incident_id: '{Shorten(incidentId)}' is not an incident id (\"inc_\" and 24 hex digits, as OpenIncident returns)"));

    private static P.Incident ToProto(IncidentView view)
    {
        var incident = new P.Incident
        {
            IncidentId = view.IncidentId, DedupeKey = view.DedupeKey, Title = view.Title, Status = view.Status, Audience = view.Audience, Urgent = view.Urgent,
            OpenedAtUnixMs = view.OpenedAt.ToUnixTimeMilliseconds(), ClosedAtUnixMs = view.ClosedAt?.ToUnixTimeMilliseconds() ?? 0,
            Deflected = view.Deflected, Escalated = view.Escalated, AudienceSize = view.AudienceSize, Created = view.Created,
        };
        foreach (var m in view.Messages)
        {
            var progress = new P.IncidentMessageProgress
            {
                MessageNo = m.No, Kind = m.Kind, Done = m.Done, Targeted = m.Targeted, Queued = m.Queued, Sent = m.Sent, Delivered = m.Delivered,
                Deferred = m.Deferred, Failed = m.Failed,
            };
            progress.Skipped.Add(m.Skipped.ToDictionary());
            incident.Messages.Add(progress);
        }

        return incident;
    }

    /// <summary>A request's action (null when absent); the answers go to the caller's stream unless another integrator is named.</summary>
    private static PushAction? Action(P.PushAction? action, ServerCallContext context) =>
        action is null ? null
        : new PushAction(action.Kind, [.. action.Options.Select(o => new ActionOption(o.Id, Map(o.Labels)))], Map(action.Prompts),
            action.LinkLifetimeSeconds == 0 ? null : TimeSpan.FromSeconds(action.LinkLifetimeSeconds),
            action.ResultIntegrator.Length == 0 ? GridServerInterceptor.Integrator(context).Name : action.ResultIntegrator);

    private static Dictionary<string, string> Map(Google.Protobuf.Collections.MapField<string, string> map) => new(map, StringComparer.Ordinal);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static void Check(ValidationError? error)
    {
        if (error is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, error.Message));
        }
    }

    private static string Tenant(ServerCallContext context) => GridServerInterceptor.Integrator(context).Tenant;
}

/// <summary>The audience grain's limits as the edge documents them.</summary>
internal static class AudienceGrainLimits
{
    public const int MaxSample = 100;
}
