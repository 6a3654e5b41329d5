using System.Diagnostics;
using Google.Protobuf.Reflection;
using Grid.Edge.Auth;
using Grid.Edge.Grpc.Validation;
using Grid.Proactive;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Inbound messages and channel events: validate, map, one call to the tenant's ingest grain (or the conversation, for receipts).</summary>
[BindServiceMethod(typeof(IngestGrpcService), nameof(BindService))]
public sealed class IngestGrpcService(IGrainFactory grains, PostInboundValidator validator, TimeProvider clock)
    : P.IngestService.IngestServiceBase
{
    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.IngestService.IngestServiceBase? service) =>
        P.IngestService.BindService(new GuardedServiceBinder(binder, () => EdgeMetrics.InboundRejected.WithLabels("invalid").Inc()), service);

    /// <summary>The service's descriptor, for gRPC reflection (found through the <c>[BindServiceMethod]</c> attribute).</summary>
    public static ServiceDescriptor Descriptor => P.IngestService.Descriptor;

    public override async Task<P.PostInboundResponse> PostInbound(P.PostInboundRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var integrator = GridServerInterceptor.Integrator(context);
        var inbound = Valid(validator.Validate(request));
        var message = inbound.ToMessage(integrator, clock.GetUtcNow());
        var ack = await grains.GetGrain<IIngestGrain>(integrator.Tenant).PostInboundAsync(message);
        EdgeMetrics.IngestLatency.WithLabels(message.Channel.ToString().ToLowerInvariant()).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new P.PostInboundResponse
        {
            CustomerId = ack.CustomerId,
            ConversationId = ack.ConversationId,
            Seq = ack.Seq,
            Duplicate = ack.Duplicate,
        };
    }

    public override async Task<P.PostChannelEventResponse> PostChannelEvent(P.PostChannelEventRequest request, ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        var valid = Valid(ChannelEventValidator.Validate(request));
        var channelEvent = valid.ToEvent(integrator, clock.GetUtcNow());
        if (valid.Type.IsReceipt() && PushOutboundIds.TryParse(valid.OutboundId, out var incidentId, out _, out _, out _))
        {
            // A push an incident wrote to the outbox: its incident records the receipt (a failure moves to the next channel).
            if (!await grains.GetGrain<IIncidentGrain>(GridKeys.Of(integrator.Tenant, incidentId)).PushReceiptAsync(valid.OutboundId!, valid.Type))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"outbound_id '{valid.OutboundId}' is not an outbound message of this tenant"));
            }

            return new P.PostChannelEventResponse { ConversationId = "" };
        }

        if (valid.Type.IsReceipt())
        {
            var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(integrator.Tenant, valid.ConversationId));
            if (valid.ConversationId.Length == 0 || !await conversation.ExistsAsync())
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"outbound_id '{valid.OutboundId}' is not an outbound message of this tenant"));
            }

            await conversation.RecordChannelEventAsync(channelEvent);
            return new P.PostChannelEventResponse { ConversationId = valid.ConversationId };
        }

        var recordedIn = await grains.GetGrain<IIngestGrain>(integrator.Tenant).PostCustomerEventAsync(channelEvent);
        return new P.PostChannelEventResponse { ConversationId = recordedIn ?? "" };
    }

    /// <summary>The validated value, or INVALID_ARGUMENT with the validator's message (counted as a rejected inbound).</summary>
    private static T Valid<T>(Validated<T> result)
        where T : class
    {
        if (result.IsValid)
        {
            return result.Value;
        }

        EdgeMetrics.InboundRejected.WithLabels("invalid").Inc();
        throw new RpcException(new Status(StatusCode.InvalidArgument, result.Error.Message));
    }
}
