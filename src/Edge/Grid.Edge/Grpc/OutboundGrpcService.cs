using Google.Protobuf.Reflection;
using Grid.Edge.Outbound;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// An integrator's outbound stream. The outbox table is the truth; the integrator's outbox grain leases its pending rows
/// in batches to the streams (competing consumers: several streams of one integrator, on any edges, share the messages,
/// each to one stream at a time). A stream leases and writes when woken by a hint, when the grain said more may come,
/// and at least every few seconds; a message left unacknowledged for Grid:Outbound:RedeliverAfter goes back to the
/// streams, sent again after twice that, and so on; after Grid:Outbound:MaxAttempts sends (or Grid:Outbound:DeadAfter
/// after it was written) it is a dead letter, listed, retried or discarded over this service. A stream that closes gives
/// its leases back at once, so everything unacknowledged is re-delivered after a reconnect.
/// </summary>
[BindServiceMethod(typeof(OutboundGrpcService), nameof(BindService))]
public sealed class OutboundGrpcService(IGrainFactory grains, OutboxRelay relay, Auth.CallRateLimits limits, Shutdown.EdgeDrain drain, ILogger<OutboundGrpcService> logger) : P.OutboundService.OutboundServiceBase
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
        if (!limits.TryOpen("stream:" + key, limits.Limits.StreamsPerIntegrator))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"integrator '{integrator.Name}' already holds {limits.Limits.StreamsPerIntegrator} outbound streams on this edge (Grid:RateLimits:StreamsPerIntegrator); close one or use another edge"));
        }

        try
        {
            await ReceiveAsync(key, responseStream, context);
        }
        finally
        {
            limits.Close("stream:" + key);
        }
    }

    private async Task ReceiveAsync(string key, IServerStreamWriter<P.OutboundMessage> responseStream, ServerCallContext context)
    {
        var outbox = grains.GetGrain<IOutboxGrain>(key);
        // The stream ends when the client leaves or when this edge shuts down (then with UNAVAILABLE, below).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, drain.Draining);
        var delivery = new Delivery(outbox, responseStream, ending.Token);
        var wake = new SemaphoreSlim(0);
        await using var registration = await relay.RegisterAsync(key, _ => wake.Release());
        EdgeMetrics.OutboundStreams.Inc();
        try
        {
            while (!ending.IsCancellationRequested)
            {
                try
                {
                    await delivery.PassAsync();
                    await wake.WaitAsync(delivery.NextWait(Poll), ending.Token);
                    // One pass takes everything the hints announced: a burst of hints is one pass, not one each.
                    while (wake.Wait(0))
                    {
                        // drained: the next pass sees them all
                    }
                }
                catch (OperationCanceledException) when (ending.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            EdgeMetrics.OutboundStreams.Dec();
            await ReleaseAsync(delivery, key);
        }

        if (drain.Draining.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "This Grid edge is shutting down: open the stream again (another edge serves it); unacknowledged messages are sent again."));
        }
    }

    private async Task ReleaseAsync(Delivery delivery, string key)
    {
        try
        {
            await delivery.ReleaseAsync();
        }
        catch (Exception ex) when (EdgeFaults.IsTransient(ex))
        {
            logger.LogWarning(ex, "Releasing an outbound stream's leases of outbox {Outbox} failed; they expire after Grid:Outbound:RedeliverAfter", key);
        }
    }

    /// <summary>
    /// One stream's delivery: it leases batches of the outbox from the outbox grain under its own consumer id and writes
    /// them; what it leaves unacknowledged goes back to the integrator's streams when the lease expires, and everything it
    /// held is offered again at once when it closes (<see cref="ReleaseAsync"/>).
    /// </summary>
    private sealed class Delivery(IOutboxGrain outbox, IServerStreamWriter<P.OutboundMessage> stream, CancellationToken cancel)
    {
        private readonly string consumer = Guid.NewGuid().ToString("N");
        private IReadOnlyList<OutboundMessage> batch = [];
        private int written;
        private TimeSpan? askAgain;

        /// <summary>How long to sleep before the next pass: until the grain said more may come, at most <paramref name="poll"/>.</summary>
        public TimeSpan NextWait(TimeSpan poll) =>
            askAgain is not { } wait ? poll : wait < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait < poll ? wait : poll;

        public async Task PassAsync()
        {
            OutboxLease lease;
            do
            {
                lease = await outbox.LeaseAsync(consumer, Page);
                (batch, written, askAgain) = (lease.Messages, 0, lease.AskAgainAfter);
                foreach (var (message, send) in lease.Messages.Zip(lease.Sends))
                {
                    await stream.WriteAsync(ProtoMap.ToProto(message), cancel);
                    written++;
                    if (send == 1)
                    {
                        EdgeMetrics.OutboundLag.Observe(Math.Max(0, (DateTimeOffset.UtcNow - message.CreatedAt).TotalSeconds));
                    }

                    EdgeMetrics.OutboundDelivered.WithLabels(message.Channel.ToString().ToLowerInvariant()).Inc();
                }
            }
            while (lease.Messages.Count == Page);
        }

        /// <summary>The stream closed: its leases end (the messages of the batch it never wrote are not counted as sent).</summary>
        public Task ReleaseAsync() => outbox.ReleaseAsync(consumer, [.. batch.Skip(written).Select(m => m.OutboundId)]);
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

    public override async Task<P.ListDeadLettersResponse> ListDeadLetters(P.ListDeadLettersRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > 1000 || request.AfterCursor < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "limit must be 0 (100) to 1000 and after_cursor at least 0"));
        }

        var integrator = GridServerInterceptor.Integrator(context);
        var letters = await grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(integrator.Tenant, integrator.Name))
            .ListDeadLettersAsync(request.AfterCursor, request.Limit == 0 ? 100 : request.Limit);
        var response = new P.ListDeadLettersResponse();
        response.Letters.AddRange(letters.Select(l => new P.DeadLetter
        {
            Message = ProtoMap.ToProto(l.Message),
            Reason = l.Reason,
            Attempts = l.Attempts,
            DeadAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(l.DeadAt),
            Cursor = l.Message.Cursor,
        }));
        return response;
    }

    public override async Task<P.DeadLettersResponse> RetryDeadLetters(P.DeadLettersRequest request, ServerCallContext context) =>
        new() { Count = await Outbox(request, context).RetryDeadLettersAsync([.. request.OutboundIds]) };

    public override async Task<P.DeadLettersResponse> DiscardDeadLetters(P.DeadLettersRequest request, ServerCallContext context) =>
        new() { Count = await Outbox(request, context).DiscardDeadLettersAsync([.. request.OutboundIds]) };

    private IOutboxGrain Outbox(P.DeadLettersRequest request, ServerCallContext context)
    {
        if (request.OutboundIds.Count is 0 or > 1000 || request.OutboundIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > 200))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "outbound_ids must hold 1 to 1000 non-empty ids of at most 200 characters"));
        }

        var integrator = GridServerInterceptor.Integrator(context);
        return grains.GetGrain<IOutboxGrain>(GridKeys.Outbox(integrator.Tenant, integrator.Name));
    }
}
