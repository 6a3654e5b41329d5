using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Grid.Escalation;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// Administers the caller's tenant's escalation policy and customers' tiers: maps requests to the policy grain (which
/// validates the policy as a whole) and to the customer grain. Needs the admin scope (checked by <see cref="GridServerInterceptor"/>).
/// </summary>
[BindServiceMethod(typeof(EscalationGrpcService), nameof(BindService))]
public sealed partial class EscalationGrpcService(IGrainFactory grains) : P.EscalationService.EscalationServiceBase
{
    public static void BindService(ServiceBinderBase binder, P.EscalationService.EscalationServiceBase? service) =>
        P.EscalationService.BindService(new GuardedServiceBinder(binder), service);

    public static ServiceDescriptor Descriptor => P.EscalationService.Descriptor;

    public override async Task<P.PolicyResponse> GetPolicy(P.GetPolicyRequest request, ServerCallContext context)
    {
        var stored = await Policy(context).GetAsync();
        return new P.PolicyResponse { Policy = ToProto(stored.Policy), Version = stored.Version };
    }

    public override async Task<P.PolicyResponse> SetPolicy(P.SetPolicyRequest request, ServerCallContext context)
    {
        if (request.Policy is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "policy is required: the whole escalation policy"));
        }

        var policy = FromProto(request.Policy);
        var version = await Policy(context).SetAsync(policy);
        return new P.PolicyResponse { Policy = ToProto(policy), Version = version };
    }

    public override async Task<P.SetCustomerTierResponse> SetCustomerTier(P.SetCustomerTierRequest request, ServerCallContext context)
    {
        if (!CustomerIds.IsValid(request.CustomerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "customer_id is required: the id PostInbound answered (cus_…)"));
        }

        if (request.Tier.Length > 0 && !Auth.TenantId.IsValid(request.Tier))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "tier must be a lowercase slug ([a-z0-9._-], at most 63 characters), or empty for none"));
        }

        var tenant = GridServerInterceptor.Integrator(context).Tenant;
        await grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, request.CustomerId)).SetTierAsync(request.Tier);
        return new P.SetCustomerTierResponse();
    }

    public override async Task<P.LinkCustomerAddressResponse> LinkCustomerAddress(P.LinkCustomerAddressRequest request, ServerCallContext context)
    {
        if (!CustomerIds.IsValid(request.CustomerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "customer_id is required: the id PostInbound answered (cus_…)"));
        }

        if (ProtoMap.FromProto(request.Channel) is not { } channel)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "channel is required: SMS, EMAIL, WHATSAPP, WEB_CHAT, VOICE or MESSENGER"));
        }

        var (address, error) = Addresses.Normalize(channel, request.Address);
        if (address is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"address: {error}"));
        }

        var integrator = GridServerInterceptor.Integrator(context);
        await grains.GetGrain<IIngestGrain>(integrator.Tenant).LinkAddressAsync(integrator.Tenant, request.CustomerId, channel, address, integrator.Name);
        return new P.LinkCustomerAddressResponse();
    }

    public override async Task<P.MergeCustomersResponse> MergeCustomers(P.MergeCustomersRequest request, ServerCallContext context)
    {
        if (!CustomerIds.IsValid(request.SourceCustomerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "source_customer_id is required: the id PostInbound answered (cus_…)"));
        }

        if (!CustomerIds.IsValid(request.TargetCustomerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "target_customer_id is required: the id PostInbound answered (cus_…)"));
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 200 || Validation.TextRules.Characters(request.Reason, "reason") is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "reason is required: 1 to 200 characters saying why (how the customer proved who they are), without control characters"));
        }

        var integrator = GridServerInterceptor.Integrator(context);
        var merge = await grains.GetGrain<IIngestGrain>(integrator.Tenant)
            .MergeCustomersAsync(integrator.Tenant, request.SourceCustomerId, request.TargetCustomerId, "admin:" + integrator.Name, request.Reason);
        return new P.MergeCustomersResponse
        {
            SourceCustomerId = merge.SourceCustomerId,
            TargetCustomerId = merge.TargetCustomerId,
            MergedBy = merge.By,
            MergedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(merge.At),
            Reason = merge.Reason,
        };
    }

    public override async Task<P.MergeConversationsResponse> MergeConversations(P.MergeConversationsRequest request, ServerCallContext context)
    {
        ConversationIdOf(request.ConversationId, "conversation_id");
        ConversationIdOf(request.OtherConversationId, "other_conversation_id");
        var integrator = GridServerInterceptor.Integrator(context);
        var view = await Regrouping(() => grains.GetGrain<IIngestGrain>(integrator.Tenant)
            .MergeConversationsAsync(integrator.Tenant, request.ConversationId, request.OtherConversationId, AdminActor(integrator.Name)));
        var response = new P.MergeConversationsResponse { ConversationId = view.ConversationId };
        response.MergedFrom.AddRange(view.MergedFrom);
        return response;
    }

    public override async Task<P.SplitConversationResponse> SplitConversation(P.SplitConversationRequest request, ServerCallContext context)
    {
        ConversationIdOf(request.ConversationId, "conversation_id");
        if (request.Seqs.Count == 0 && request.FromSeq <= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "from_seq or seqs is required: the customer messages that move (sequence numbers, 1 or more)"));
        }

        if (request.Seqs.Count > 500 || request.Seqs.Any(q => q <= 0))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "seqs are sequence numbers of customer messages (1 or more), at most 500"));
        }

        var integrator = GridServerInterceptor.Integrator(context);
        var split = await Regrouping(() => grains.GetGrain<IIngestGrain>(integrator.Tenant)
            .SplitConversationAsync(integrator.Tenant, request.ConversationId, AdminActor(integrator.Name), request.FromSeq, [.. request.Seqs]));
        var response = new P.SplitConversationResponse { ConversationId = split.ConversationId, NewConversationId = split.NewConversationId };
        response.Seqs.AddRange(split.Seqs);
        return response;
    }

    /// <summary>An admin corrects the grouping as a supervisor would, named "admin:&lt;integrator&gt;" in the journals.</summary>
    private static Actor AdminActor(string integrator) => new("admin:" + integrator, ActorRole.Supervisor);

    private static void ConversationIdOf(string id, string field)
    {
        if (!Auth.TenantId.IsValid(id) || !id.StartsWith("cnv_", StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required: the id of a conversation (cnv_…)"));
        }
    }

    /// <summary>The grouping's refusals as statuses: not_found → NOT_FOUND, invalid → INVALID_ARGUMENT, others FAILED_PRECONDITION.</summary>
    private static async Task<T> Regrouping<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ConversationRuleException rule) when (rule.Code is RuleCodes.NotFound or RuleCodes.Invalid)
        {
            throw new RpcException(new Status(rule.Code == RuleCodes.NotFound ? StatusCode.NotFound : StatusCode.InvalidArgument, rule.Message));
        }
    }

    private IEscalationPolicyGrain Policy(ServerCallContext context) =>
        grains.GetGrain<IEscalationPolicyGrain>(GridServerInterceptor.Integrator(context).Tenant);

    internal static EscalationPolicy FromProto(P.EscalationPolicy policy) => new(
        policy.NoMatchLimit,
        policy.HasSentimentThreshold ? policy.SentimentThreshold : null,
        [.. policy.Tiers.Select(t => new TierRule(t.Name, t.AlwaysHuman, t.Priority))],
        policy.Hours is null ? null : new OpeningHours(
            policy.Hours.TimeZone,
            [.. policy.Hours.Week.Select(s => new OpeningSlot(Day(s.Day), s.From, s.To))],
            [.. policy.Hours.Holidays]),
        policy.Queue,
        policy.HasReopenOnCsatAtMost ? policy.ReopenOnCsatAtMost : null,
        [.. policy.Sla.Select(r => new SlaRule(r.MinPriority, Span(r.FirstResponse), Span(r.NextResponse), Span(r.Resolution)))],
        Span(policy.StatusInterval),
        Span(policy.AutoResolveAfter),
        policy.QuietHours is { } quiet ? new QuietHours(quiet.TimeZone, quiet.From, quiet.To) : null,
        [.. policy.Templates.Select(t => new NoticeTemplate(t.Purpose, t.Language, t.Text))],
        policy.ResponseTimes.Count == 0 ? null : ResponseTimes(policy.ResponseTimes));

    /// <summary>Category response times; a repeated category or a missing duration is refused by name.</summary>
    private static Dictionary<string, TimeSpan> ResponseTimes(IEnumerable<P.CategoryResponseTime> times)
    {
        var result = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var i = 0;
        foreach (var time in times)
        {
            var field = $"response_times[{i++}]";
            if (time.Within is null)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}.within is required: how soon a conversation of '{time.Category}' is answered"));
            }

            if (!result.TryAdd(time.Category, Span(time.Within)!.Value))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}.category '{time.Category}' is given twice"));
            }
        }

        return result;
    }

    /// <summary>A protobuf duration as a span; one out of range is refused (the validator checks the span's bounds).</summary>
    private static TimeSpan? Span(Google.Protobuf.WellKnownTypes.Duration? duration) =>
        duration is null ? null
        : duration.Seconds is >= 0 and <= 315_576_000_000 && duration.Nanos is >= 0 and <= 999_999_999 ? duration.ToTimeSpan()
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "durations must be positive, with nanos from 0 to 999999999"));

    private static Google.Protobuf.WellKnownTypes.Duration? Duration(TimeSpan? span) =>
        span is { } value ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(value) : null;

    internal static P.EscalationPolicy ToProto(EscalationPolicy policy)
    {
        var proto = new P.EscalationPolicy { NoMatchLimit = policy.NoMatchLimit, Queue = policy.Queue };
        if (policy.SentimentThreshold is { } threshold)
        {
            proto.SentimentThreshold = threshold;
        }

        if (policy.ReopenOnCsatAtMost is { } reopen)
        {
            proto.ReopenOnCsatAtMost = reopen;
        }

        proto.Tiers.AddRange(policy.Tiers.Select(t => new P.TierRule { Name = t.Name, AlwaysHuman = t.AlwaysHuman, Priority = t.Priority }));
        proto.Sla.AddRange((policy.Sla ?? []).Select(r => new P.SlaRule
        {
            MinPriority = r.MinPriority, FirstResponse = Duration(r.FirstResponse), NextResponse = Duration(r.NextResponse), Resolution = Duration(r.Resolution),
        }));
        proto.StatusInterval = Duration(policy.StatusInterval);
        proto.AutoResolveAfter = Duration(policy.AutoResolveAfter);
        proto.QuietHours = policy.Quiet is { } quiet ? new P.QuietHours { TimeZone = quiet.TimeZone, From = quiet.From, To = quiet.To } : null;
        proto.Templates.AddRange((policy.Templates ?? []).Select(t => new P.NoticeTemplate { Purpose = t.Purpose, Language = t.Language, Text = t.Text }));
        proto.ResponseTimes.AddRange((policy.ResponseTimes ?? new Dictionary<string, TimeSpan>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new P.CategoryResponseTime { Category = p.Key, Within = Duration(p.Value) }));
        if (policy.Hours is { } hours)
        {
            proto.Hours = new P.OpeningHours { TimeZone = hours.TimeZone, Holidays = { hours.Holidays } };
            proto.Hours.Week.AddRange(hours.Week.Select(s => new P.OpeningSlot { Day = Weekday(s.Day), From = s.From, To = s.To }));
        }

        return proto;
    }

    private static DayOfWeek Day(P.Weekday day) => day switch
    {
        P.Weekday.Monday => DayOfWeek.Monday,
        P.Weekday.Tuesday => DayOfWeek.Tuesday,
        P.Weekday.Wednesday => DayOfWeek.Wednesday,
        P.Weekday.Thursday => DayOfWeek.Thursday,
        P.Weekday.Friday => DayOfWeek.Friday,
        P.Weekday.Saturday => DayOfWeek.Saturday,
        P.Weekday.Sunday => DayOfWeek.Sunday,
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "hours.week[].day is required: WEEKDAY_MONDAY to WEEKDAY_SUNDAY")),
    };

    private static P.Weekday Weekday(DayOfWeek day) => day == DayOfWeek.Sunday ? P.Weekday.Sunday : (P.Weekday)(int)day;

}
