using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Grpc.Validation;
using Grid.Privacy;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// The caller's tenant's GDPR operations (gdpr scope, checked by <see cref="GridServerInterceptor"/>): export, erasure
/// and retention through the tenant's <see cref="IPrivacyGrain"/> (which records them in the audit log), and the audit
/// log through <see cref="IAuditLogGrain"/>.
/// </summary>
[BindServiceMethod(typeof(GdprGrpcService), nameof(BindService))]
public sealed class GdprGrpcService(IGrainFactory grains) : P.GdprService.GdprServiceBase
{
    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.GdprService.GdprServiceBase? service) =>
        P.GdprService.BindService(new GuardedServiceBinder(binder), service);

    /// <summary>The service's descriptor, for gRPC reflection.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => P.GdprService.Descriptor;

    public const int MaxReason = 200;
    public const int MaxAuditPage = 500;
    public const int MaxRetentionRun = 10_000;

    public override async Task<P.ExportCustomerResponse> ExportCustomer(P.ExportCustomerRequest request, ServerCallContext context)
    {
        var subject = Subject(request.Subject);
        var (tenant, actor) = Caller(context);
        var json = await grains.GetGrain<IPrivacyGrain>(tenant).ExportAsync(subject, actor);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return new P.ExportCustomerResponse { CustomerId = document.RootElement.GetProperty("customer_id").GetString() ?? "", Json = json };
    }

    public override async Task<P.EraseCustomerResponse> EraseCustomer(P.EraseCustomerRequest request, ServerCallContext context)
    {
        var subject = Subject(request.Subject);
        Check(TextRules.Require(request.Reason, "reason", MaxReason, "why the customer is erased (no personal data)")
            ?? TextRules.Characters(request.Reason, "reason"));
        var (tenant, actor) = Caller(context);
        var report = await grains.GetGrain<IPrivacyGrain>(tenant).EraseAsync(subject, request.Reason, actor);
        var response = new P.EraseCustomerResponse
        {
            Conversations = report.Conversations,
            Addresses = report.Addresses,
            AlreadyErased = report.AlreadyErased,
        };
        response.CustomerIds.AddRange(report.CustomerIds);
        response.Rows.Add(report.Rows.ToDictionary());
        return response;
    }

    public override async Task<P.RetentionPolicy> GetRetentionPolicy(P.GetRetentionPolicyRequest request, ServerCallContext context) =>
        ToProto(await grains.GetGrain<IPrivacyGrain>(Caller(context).Tenant).GetRetentionAsync());

    public override async Task<P.RetentionPolicy> SetRetentionPolicy(P.SetRetentionPolicyRequest request, ServerCallContext context)
    {
        var (tenant, actor) = Caller(context);
        return ToProto(await grains.GetGrain<IPrivacyGrain>(tenant).SetRetentionAsync(request.KeepClosedDays, actor));
    }

    public override async Task<P.RunRetentionResponse> RunRetention(P.RunRetentionRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxRetentionRun)
        {
            throw Invalid($"limit: {request.Limit} is out of range; give 1 to {MaxRetentionRun} (0 means 500)");
        }

        var asOf = request.AsOf is null ? (DateTimeOffset?)null : Time(request.AsOf, "as_of");
        var (tenant, actor) = Caller(context);
        var run = await grains.GetGrain<IPrivacyGrain>(tenant).RunRetentionAsync(asOf, request.Limit == 0 ? 500 : request.Limit, actor);
        var response = new P.RunRetentionResponse { ClosedBefore = Timestamp.FromDateTimeOffset(run.ClosedBefore) };
        response.ConversationIds.AddRange(run.ConversationIds);
        response.Rows.Add(run.Rows.ToDictionary());
        return response;
    }

    public override async Task<P.ListAuditLogResponse> ListAuditLog(P.ListAuditLogRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxAuditPage)
        {
            throw Invalid($"limit: {request.Limit} is out of range; give 1 to {MaxAuditPage} (0 means 100)");
        }

        if (request.BeforeId < 0)
        {
            throw Invalid("before_id: give the next_before_id of the previous page, or 0 for the newest records");
        }

        Check(TextRules.MaxLength(request.Action, "action", 200) ?? TextRules.MaxLength(request.Actor, "actor", 64)
            ?? TextRules.MaxLength(request.Target, "target", 128));
        var query = new AuditQuery(
            request.BeforeId,
            request.Limit == 0 ? 100 : request.Limit,
            Empty(request.Action),
            Empty(request.Actor),
            Empty(request.Target),
            request.Since is null ? null : Time(request.Since, "since"),
            request.Until is null ? null : Time(request.Until, "until"));
        var page = await grains.GetGrain<IAuditLogGrain>(Caller(context).Tenant).ListAsync(query);
        var response = new P.ListAuditLogResponse { NextBeforeId = page.NextBeforeId };
        foreach (var record in page.Records)
        {
            var proto = new P.AuditLogRecord { Id = record.Id, At = Timestamp.FromDateTimeOffset(record.At), Actor = record.Actor, Action = record.Action };
            proto.Targets.AddRange(record.Targets);
            proto.Details.Add(record.Details.ToDictionary());
            response.Records.Add(proto);
        }

        return response;
    }

    private static CustomerSubject Subject(P.CustomerSubject? subject)
    {
        if (subject is null || (subject.CustomerId.Length == 0) == (subject.Address.Length == 0))
        {
            throw Invalid("subject: give exactly one of customer_id, or channel and address");
        }

        if (subject.CustomerId.Length > 0)
        {
            Check(TextRules.Require(subject.CustomerId, "subject.customer_id", 64, "the customer's id") ?? TextRules.Characters(subject.CustomerId, "subject.customer_id"));
            return new CustomerSubject(subject.CustomerId);
        }

        Check(TextRules.Require(subject.Address, "subject.address", 320, "the customer's address") ?? TextRules.Characters(subject.Address, "subject.address"));
        var channel = ProtoMap.FromProto(subject.Channel)
            ?? throw Invalid("subject.channel: required with an address (CHANNEL_EMAIL, CHANNEL_SMS…)");
        if (Addresses.Normalize(channel, subject.Address).Error is { } error)
        {
            throw Invalid("subject.address: " + error);
        }

        return new CustomerSubject(null, channel, subject.Address);
    }

    private static DateTimeOffset Time(Timestamp timestamp, string field)
    {
        if (timestamp.Nanos is < 0 or > 999_999_999 || timestamp.Seconds < 946_684_800 || timestamp.Seconds > 253_402_300_799)
        {
            throw Invalid($"{field}: give a time from the year 2000 to 9999 with nanos from 0 to 999999999");
        }

        return timestamp.ToDateTimeOffset();
    }

    private static P.RetentionPolicy ToProto(RetentionPolicy policy) => new()
    {
        KeepClosedDays = policy.KeepClosedDays,
        Version = policy.Version,
        LastRunAt = policy.LastRunAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        LastRunPurged = policy.LastRunPurged,
    };

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static (string Tenant, string Actor) Caller(ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        return (integrator.Tenant, integrator.Name);
    }

    private static void Check(ValidationError? error)
    {
        if (error is not null)
        {
            throw Invalid(error.Message);
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
