using Grid.Edge.Outbound;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// An integrator's outbound stream. The outbox table is the truth: the stream sends every pending message after
/// the last one it sent, when woken by a hint and at least every few seconds. A new stream starts from the
/// beginning, so everything unacknowledged is re-delivered after a reconnect or a restart.
/// </summary>
public sealed class OutboundGrpcService(IGrainFactory grains, OutboxRelay relay) : P.OutboundService.OutboundServiceBase
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    public override async Task Receive(P.ReceiveRequest request, IServerStreamWriter<P.OutboundMessage> responseStream, ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        var key = GridKeys.Outbox(integrator.Tenant, integrator.Name);
        var outbox = grains.GetGrain<IOutboxGrain>(key);
        var wake = new SemaphoreSlim(0);
        await using var registration = await relay.RegisterAsync(key, () => wake.Release());
        EdgeMetrics.OutboundStreams.Inc();
        try
        {
            long cursor = 0;
            var cancel = context.CancellationToken;
            while (!cancel.IsCancellationRequested)
            {
                IReadOnlyList<OutboundMessage> pending;
                do
                {
                    pending = await outbox.GetPendingAsync(cursor, 200);
                    foreach (var message in pending)
                    {
                        await responseStream.WriteAsync(ProtoMap.ToProto(message), cancel);
                        EdgeMetrics.OutboundDelivered.WithLabels(message.Channel.ToString().ToLowerInvariant()).Inc();
                        cursor = message.Cursor;
                    }
                }
                while (pending.Count == 200);

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
