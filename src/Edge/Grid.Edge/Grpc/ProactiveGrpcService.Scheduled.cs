using Grid.Edge.Grpc.Validation;
using Grid.Proactive;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Scheduled pushes (docs/architecture.md, "Scheduled pushes"): each in its <see cref="IScheduledPushGrain"/>, lists through the tenant's <see cref="IScheduledPushesGrain"/>.</summary>
public sealed partial class ProactiveGrpcService
{
    public const int MaxListedPushes = 500;

    public override async Task<P.ScheduledPush> SchedulePush(P.SchedulePushRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.CustomerId, "customer_id", 64, "the customer's id in the directory")
            ?? TextRules.Require(request.IdempotencyKey, "idempotency_key", 200, "your id of this push, which makes the call safe to retry"));
        var quiet = request.QuietStartMinute == 0 && request.QuietEndMinute == 0 ? null : new PushQuietHours(request.QuietStartMinute, request.QuietEndMinute);
        var definition = new ScheduledPushDefinition(request.CustomerId, KindOf(request.Kind), DateTimeOffset.FromUnixTimeMilliseconds(request.DueAtUnixMs),
            Map(request.Templates), Map(request.Variables), [.. request.Channels.Select((c, i) => Route(c, $"channels[{i}]"))], request.Urgent,
            Empty(request.FallbackLanguage), quiet, Empty(request.DefaultTimeZone), request.IdempotencyKey);
        var pushId = ScheduledPushIds.For(request.CustomerId, request.IdempotencyKey);
        return ToProto(await grains.GetGrain<IScheduledPushGrain>(GridKeys.Of(Tenant(context), pushId)).ScheduleAsync(definition));
    }

    public override async Task<P.ScheduledPush> CancelScheduledPush(P.ScheduledPushRequest request, ServerCallContext context) =>
        ToProto(await Scheduled(context, request.PushId).CancelAsync());

    public override async Task<P.ScheduledPush> GetScheduledPush(P.ScheduledPushRequest request, ServerCallContext context) =>
        ToProto(await Scheduled(context, request.PushId).GetAsync());

    public override async Task<P.ListScheduledPushesResponse> ListScheduledPushes(P.ListScheduledPushesRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.CustomerId, "customer_id", 64, "the customer's id in the directory"));
        var response = new P.ListScheduledPushesResponse();
        response.Pushes.AddRange((await grains.GetGrain<IScheduledPushesGrain>(Tenant(context)).ListAsync(request.CustomerId, MaxListedPushes)).Select(ToProto));
        return response;
    }

    private IScheduledPushGrain Scheduled(ServerCallContext context, string pushId) =>
        ScheduledPushIds.IsValid(pushId)
            ? grains.GetGrain<IScheduledPushGrain>(GridKeys.Of(Tenant(context), pushId))
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"push_id: '{Shorten(pushId)}' is not a scheduled push id (\"sch_\" and 24 hex digits, as SchedulePush returns)"));

    /// <summary>A channel route of a request; the channel is required (the grain checks that it can carry a push).</summary>
    private static ChannelRoute Route(P.ChannelRoute? route, string field) =>
        route is not null && ProtoMap.FromProto(route.Channel) is { } channel
            ? new ChannelRoute(channel, route.Integrator)
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}.channel: required (CHANNEL_SMS, CHANNEL_EMAIL…)"));

    private static string KindOf(P.ScheduledPushKind kind) => kind switch
    {
        P.ScheduledPushKind.Callback => ScheduledPushKinds.Callback,
        P.ScheduledPushKind.AppointmentReminder => ScheduledPushKinds.AppointmentReminder,
        P.ScheduledPushKind.FollowUp => ScheduledPushKinds.FollowUp,
        _ => "", // refused by the grain's validator, which names the kinds
    };

    private static P.ScheduledPushKind ToProto(string kind) => kind switch
    {
        ScheduledPushKinds.Callback => P.ScheduledPushKind.Callback,
        ScheduledPushKinds.AppointmentReminder => P.ScheduledPushKind.AppointmentReminder,
        ScheduledPushKinds.FollowUp => P.ScheduledPushKind.FollowUp,
        _ => P.ScheduledPushKind.Unspecified,
    };

    private static P.ScheduledPush ToProto(ScheduledPushView view) => new()
    {
        PushId = view.PushId, CustomerId = view.CustomerId, Kind = ToProto(view.Kind), DueAtUnixMs = view.DueAt.ToUnixTimeMilliseconds(), Status = view.Status,
        Reason = view.Reason ?? "", Channel = ProtoMap.ToProto(view.Channel), OutboundId = view.OutboundId ?? "", SentAtUnixMs = view.SentAt?.ToUnixTimeMilliseconds() ?? 0,
        DeferredUntilUnixMs = view.DeferredUntil?.ToUnixTimeMilliseconds() ?? 0, CreatedAtUnixMs = view.CreatedAt.ToUnixTimeMilliseconds(), Urgent = view.Urgent,
        Created = view.Created,
    };
}
