using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grid.Routing;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// Administers the caller's tenant's routing: queues, entry rules and agents' profiles, mapped to the tenant's
/// <see cref="IRoutingConfigGrain"/>, which validates every change before storing anything (refusals name the field and
/// become INVALID_ARGUMENT in <see cref="GridServerInterceptor"/>). Needs the admin scope.
/// </summary>
[BindServiceMethod(typeof(RoutingGrpcService), nameof(BindService))]
public sealed class RoutingGrpcService(IGrainFactory grains) : P.RoutingService.RoutingServiceBase
{
    public static void BindService(ServiceBinderBase binder, P.RoutingService.RoutingServiceBase? service) =>
        P.RoutingService.BindService(new GuardedServiceBinder(binder), service);

    public static ServiceDescriptor Descriptor => P.RoutingService.Descriptor;

    public override async Task<P.SetQueueResponse> SetQueue(P.SetQueueRequest request, ServerCallContext context)
    {
        var queue = FromProto(request.Queue ?? throw Invalid("queue is required: the whole queue (name, skills, languages, ...)"));
        var version = await Config(context).SetQueueAsync(queue);
        return new P.SetQueueResponse { Queue = ToProto(queue), Version = version };
    }

    public override async Task<P.GetQueueResponse> GetQueue(P.GetQueueRequest request, ServerCallContext context)
    {
        var config = await Config(context).GetAsync();
        var queue = config.Queue(request.Name)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "name: the tenant has no queue of that name (ListQueues lists them)"));
        return new P.GetQueueResponse { Queue = ToProto(queue) };
    }

    public override async Task<P.ListQueuesResponse> ListQueues(P.ListQueuesRequest request, ServerCallContext context)
    {
        var config = await Config(context).GetAsync();
        var response = new P.ListQueuesResponse { Version = config.Version };
        response.Queues.AddRange(config.Queues.OrderBy(q => q.Name, StringComparer.Ordinal).Select(ToProto));
        return response;
    }

    public override async Task<P.SetEntryRulesResponse> SetEntryRules(P.SetEntryRulesRequest request, ServerCallContext context)
    {
        var rules = request.Rules.Select((r, i) => FromProto(r, i)).ToList();
        return new P.SetEntryRulesResponse { Version = await Config(context).SetEntryRulesAsync(rules) };
    }

    public override async Task<P.GetEntryRulesResponse> GetEntryRules(P.GetEntryRulesRequest request, ServerCallContext context)
    {
        var config = await Config(context).GetAsync();
        var response = new P.GetEntryRulesResponse { Version = config.Version };
        response.Rules.AddRange(config.EntryRules.Select(ToProto));
        return response;
    }

    public override async Task<P.SetAgentProfileResponse> SetAgentProfile(P.SetAgentProfileRequest request, ServerCallContext context)
    {
        var agent = FromProto(request.Agent ?? throw Invalid("agent is required: the agent's whole profile"));
        var version = await Config(context).SetAgentAsync(agent);
        return new P.SetAgentProfileResponse { Agent = ToProto(agent), Version = version };
    }

    private IRoutingConfigGrain Config(ServerCallContext context) =>
        grains.GetGrain<IRoutingConfigGrain>(GridServerInterceptor.Integrator(context).Tenant);

    internal static QueueDefinition FromProto(P.Queue q) => new(
        q.Name,
        [.. q.Skills.Select(s => new SkillLevel(s.Skill, s.Level))],
        [.. q.Languages],
        q.OfferTimeout is { } timeout ? Time(timeout, "queue.offer_timeout") : null,
        q.OverflowQueue.Length == 0 ? null : q.OverflowQueue,
        q.OverflowAfter is { } after ? Time(after, "queue.overflow_after") : null,
        q.OverflowDropsSkills.Count == 0 ? null : [.. q.OverflowDropsSkills],
        q.StickyWindow is { } sticky ? Time(sticky, "queue.sticky_window") : TimeSpan.Zero);

    internal static P.Queue ToProto(QueueDefinition q)
    {
        var proto = new P.Queue
        {
            Name = q.Name,
            OfferTimeout = q.OfferTimeout is { } timeout ? Duration.FromTimeSpan(timeout) : null,
            OverflowQueue = q.OverflowQueue ?? "",
            OverflowAfter = q.OverflowAfter is { } after ? Duration.FromTimeSpan(after) : null,
            StickyWindow = q.StickyWindow > TimeSpan.Zero ? Duration.FromTimeSpan(q.StickyWindow) : null,
        };
        proto.Skills.AddRange(q.Skills.Select(ToProto));
        proto.Languages.AddRange(q.Languages);
        proto.OverflowDropsSkills.AddRange(q.OverflowDropsSkills ?? []);
        return proto;
    }

    internal static EntryRule FromProto(P.EntryRule r, int index)
    {
        Channel? channel = null;
        if (r.Channel != P.Channel.Unspecified)
        {
            channel = ProtoMap.FromProto(r.Channel) ?? throw Invalid($"rules[{index}].channel is not a channel: use SMS, EMAIL, WHATSAPP, WEBCHAT, VOICE, MESSENGER or leave it unset");
        }

        return new EntryRule(
            r.Queue,
            channel,
            r.Language.Length == 0 ? null : r.Language,
            r.CustomerTier.Length == 0 ? null : r.CustomerTier,
            r.FactKey.Length == 0 ? null : r.FactKey,
            r.FactValue.Length == 0 ? null : r.FactValue);
    }

    internal static P.EntryRule ToProto(EntryRule r) => new()
    {
        Queue = r.Queue,
        Channel = r.Channel is { } channel ? ProtoMap.ToProto(channel) : P.Channel.Unspecified,
        Language = r.Language ?? "",
        CustomerTier = r.CustomerTier ?? "",
        FactKey = r.FactKey ?? "",
        FactValue = r.FactValue ?? "",
    };

    internal static AgentProfile FromProto(P.AgentProfile a)
    {
        var capacity = new Dictionary<Channel, int>();
        foreach (var c in a.Capacity)
        {
            var channel = ProtoMap.FromProto(c.Channel)
                ?? throw Invalid("agent.capacity: each entry needs a channel (SMS, EMAIL, WHATSAPP, WEBCHAT, VOICE or MESSENGER)");
            if (!capacity.TryAdd(channel, c.Conversations))
            {
                throw Invalid($"agent.capacity: {c.Channel} is listed twice");
            }
        }

        return new AgentProfile(a.AgentId, a.DisplayName, [.. a.Skills.Select(s => new SkillLevel(s.Skill, s.Level))], [.. a.Languages], capacity);
    }

    internal static P.AgentProfile ToProto(AgentProfile a)
    {
        var proto = new P.AgentProfile { AgentId = a.AgentId, DisplayName = a.DisplayName };
        proto.Skills.AddRange(a.Skills.Select(ToProto));
        proto.Languages.AddRange(a.Languages);
        proto.Capacity.AddRange(a.Capacity.OrderBy(c => c.Key).Select(c => new P.ChannelCapacity { Channel = ProtoMap.ToProto(c.Key), Conversations = c.Value }));
        return proto;
    }

    private static P.SkillLevel ToProto(SkillLevel s) => new() { Skill = s.Skill, Level = s.Level };

    private static TimeSpan Time(Duration duration, string field)
    {
        // A Duration whose seconds and nanos disagree in sign, or beyond TimeSpan, is not a duration.
        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"{field} is not a valid duration");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
