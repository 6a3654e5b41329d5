using Google.Protobuf.Reflection;
using Grid.Edge.Outbound;
using Grpc.Core;
using Microsoft.Extensions.Options;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// An integrator's outbound stream. The outbox table is the truth: the stream sends every pending message after
/// the last one it sent, when woken by a hint and at least every few seconds, and sends again what stays
/// unacknowledged for Grid:Outbound:RedeliverAfter. A new stream starts from the beginning, so everything
/// unacknowledged is re-delivered after a reconnect or a restart.
/// </summary>
[BindServiceMethod(typeof(OutboundGrpcService), nameof(BindService))]
public sealed class OutboundGrpcService(IGrainFactory grains, OutboxRelay relay, IOptions<EdgeOptions> options) : P.OutboundService.OutboundServiceBase
{
    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.OutboundService.OutboundServiceBase? service) =>
        P.OutboundService.BindService(new GuardedServiceBinder(binder), service);

    /// <summary>The service's descriptor, for gRPC reflection (found through the <c>[BindServiceMethod]</c> attribute).</summary>
    public static ServiceDescriptor Descriptor => P.OutboundService.Descriptor;

    private const int Page = 200;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    public override async Task Receive(P.ReceiveRequest request, IServerStreamWriter<P.OutboundMessage> responseStream, ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        var key = GridKeys.Outbox(integrator.Tenant, integrator.Name);
        var outbox = grains.GetGrain<IOutboxGrain>(key);
        var redeliverAfter = options.Value.Outbound.RedeliverAfter;
        var wake = new SemaphoreSlim(0);
        await using var registration = await relay.RegisterAsync(key, () => wake.Release());
        EdgeMetrics.OutboundStreams.Inc();
        try
        {
            var cancel = context.CancellationToken;
            var inFlight = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            long cursor = 0;
            while (!cancel.IsCancellationRequested)
            {
                // New messages, after the last one this stream sent.
                IReadOnlyList<OutboundMessage> pending;
                do
                {
                    pending = await outbox.GetPendingAsync(cursor, Page);
                    foreach (var message in pending)
                    {
                        await SendAsync(responseStream, message, inFlight, cancel);
                        cursor = message.Cursor;
                    }
                }
                while (pending.Count == Page);

                // Messages sent a while ago and still not acknowledged go out again (the integrator may have lost them).
                if (inFlight.Count > 0 && DateTime.UtcNow - inFlight.Values.Min() >= redeliverAfter)
                {
                    await RedeliverAsync(outbox, responseStream, inFlight, cursor, redeliverAfter, cancel);
                }

                try
                {
                    await wake.WaitAsync(Poll, cancel);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            EdgeMetrics.OutboundStreams.Dec();
        }
    }

    /// <summary>
    /// One pass over the pending messages this stream already sent: those sent longer ago than
    /// <paramref name="redeliverAfter"/> are sent again; those no longer pending (acknowledged) are forgotten.
    /// </summary>
    private static async Task RedeliverAsync(
        IOutboxGrain outbox, IServerStreamWriter<P.OutboundMessage> stream, Dictionary<string, DateTime> inFlight, long upTo, TimeSpan redeliverAfter, CancellationToken cancel)
    {
        var stillPending = new HashSet<string>(StringComparer.Ordinal);
        long after = 0;
        while (after < upTo)
        {
            var page = await outbox.GetPendingAsync(after, Page);
            foreach (var message in page.TakeWhile(m => m.Cursor <= upTo))
            {
                stillPending.Add(message.OutboundId);
                if (inFlight.TryGetValue(message.OutboundId, out var sentAt) && DateTime.UtcNow - sentAt >= redeliverAfter)
                {
                    await SendAsync(stream, message, inFlight, cancel);
                }
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Cursor;
        }

        foreach (var acknowledged in inFlight.Keys.Where(id => !stillPending.Contains(id)).ToList())
        {
            inFlight.Remove(acknowledged);
        }
    }

    private static async Task SendAsync(IServerStreamWriter<P.OutboundMessage> stream, OutboundMessage message, Dictionary<string, DateTime> inFlight, CancellationToken cancel)
    {
        await stream.WriteAsync(ProtoMap.ToProto(message), cancel);
        inFlight[message.OutboundId] = DateTime.UtcNow;
        EdgeMetrics.OutboundDelivered.WithLabels(message.Channel.ToString().ToLowerInvariant()).Inc();
    }

    public override async Task<P.AckResponse> Ack(P.AckRequest request, ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        if (request.OutboundIds.Count is 0 or > 1000 || request.OutboundIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "outbound_ids must hold 1 to 1000 non-empty ids"));
        }

        var acked = await grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(integrator.Tenant, integrator.Name)).AckAsync([.. request.OutboundIds]);
        return new P.AckResponse { Acknowledged = acked };
    }
}
