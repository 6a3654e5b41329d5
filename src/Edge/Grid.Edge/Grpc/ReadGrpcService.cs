using Google.Protobuf.Reflection;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Reads conversations and timelines of the caller's tenant; other tenants' ids answer NOT_FOUND.</summary>
[BindServiceMethod(typeof(ReadGrpcService), nameof(BindService))]
public sealed class ReadGrpcService(IGrainFactory grains) : P.ReadService.ReadServiceBase
{
    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.ReadService.ReadServiceBase? service) =>
        P.ReadService.BindService(new GuardedServiceBinder(binder), service);

    /// <summary>The service's descriptor, for gRPC reflection (found through the <c>[BindServiceMethod]</c> attribute).</summary>
    public static ServiceDescriptor Descriptor => P.ReadService.Descriptor;

    public override async Task<P.Conversation> GetConversation(P.GetConversationRequest request, ServerCallContext context)
    {
        var conversation = await ExistingConversation(request.ConversationId, context);
        return ProtoMap.ToProto(await conversation.GetAsync());
    }

    public override async Task<P.ListMessagesResponse> ListMessages(P.ListMessagesRequest request, ServerCallContext context)
    {
        var conversation = await ExistingConversation(request.ConversationId, context);
        var page = await conversation.ReadAsync(Math.Max(0, request.AfterSeq), Limit(request.Limit));
        var response = new P.ListMessagesResponse { NextAfterSeq = page.NextAfterSeq, HasMore = page.HasMore };
        response.Entries.AddRange(page.Entries.Select(ProtoMap.ToProto));
        return response;
    }

    public override async Task<P.GetCustomerTimelineResponse> GetCustomerTimeline(P.GetCustomerTimelineRequest request, ServerCallContext context)
    {
        var tenant = GridServerInterceptor.Integrator(context).Tenant;
        if (!CustomerIds.IsValid(request.CustomerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "customer_id is required (as returned by PostInbound)"));
        }

        var customer = grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, request.CustomerId));
        var view = await customer.GetAsync() ?? throw new RpcException(new Status(StatusCode.NotFound, $"customer '{request.CustomerId}' not found"));

        // A merged customer's timeline is its target's (both histories); merges never form a cycle, the bound is a guard.
        string? mergedInto = null;
        for (var hop = 0; hop < 16 && view.MergedInto is { } next && await grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, next)).GetAsync() is { } target; hop++)
        {
            (mergedInto, view, customer) = (next, target, grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, next)));
        }

        var page = await customer.ReadTimelineAsync(Math.Max(0, request.AfterCursor), Limit(request.Limit));
        var response = new P.GetCustomerTimelineResponse { NextCursor = page.NextCursor, HasMore = page.HasMore, MergedInto = mergedInto ?? "" };
        response.Entries.AddRange(page.Entries.Select(ProtoMap.ToProto));
        return response;
    }

    private async Task<IConversationGrain> ExistingConversation(string conversationId, ServerCallContext context)
    {
        var tenant = GridServerInterceptor.Integrator(context).Tenant;
        if (!Auth.TenantId.IsValid(conversationId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "conversation_id is required (as returned by PostInbound)"));
        }

        var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
        if (!await conversation.ExistsAsync())
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"conversation '{conversationId}' not found"));
        }

        return conversation;
    }

    private static int Limit(int requested) => requested switch
    {
        <= 0 => 100,
        > 500 => 500,
        _ => requested,
    };
}
