using Google.Protobuf.Reflection;
using Grid.Edge.Outbound;
using Grpc.Core;
using Microsoft.Extensions.Options;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// An integrator's outbound stream. The outbox table is the truth: the stream sends every pending message after
/// the last one it sent, when woken by a hint and at least every few seconds, and sends again what stays
/// unacknowledged for Grid:Outbound:RedeliverAfter, then twice that, and so on; after Grid:Outbound:MaxAttempts sends
/// (or Grid:Outbound:DeadAfter after it was written) a message is a dead letter, listed, retried or discarded over
/// this service. A new stream starts from the beginning, so everything unacknowledged is re-delivered after a
/// reconnect or a restart.
/// </summary>
[BindServiceMethod(typeof(OutboundGrpcService), nameof(BindService))]
public sealed class OutboundGrpcService(IGrainFactory grains, OutboxRelay relay, Auth.CallRateLimits limits, Shutdown.EdgeDrain drain, IOptions<EdgeOptions> options) : P.OutboundService.OutboundServiceBase
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
        var delivery = new Delivery(outbox, responseStream, options.Value.Outbound, ending.Token);
        var wake = new SemaphoreSlim(0);
        await using var registration = await relay.RegisterAsync(key, hinted =>
        {
            delivery.Hinted(hinted);
            wake.Release();
        });
        EdgeMetrics.OutboundStreams.Inc();
        try
        {
            while (!ending.IsCancellationRequested)
            {
                try
                {
                    await delivery.PassAsync();
                    await wake.WaitAsync(delivery.NextWait(Poll), ending.Token);
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
        }

        if (drain.Draining.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "This Grid edge is shutting down: open the stream again (another edge serves it); unacknowledged messages are sent again."));
        }
    }

    /// <summary>
    /// One stream's delivery state: the cursor of the last message it sent, and each message in flight with when it was
    /// last sent and how many times. A pass sends what is new, sends again what is due (the wait doubling from
    /// RedeliverAfter), and dead-letters what was sent MaxAttempts times or is older than DeadAfter.
    /// </summary>
    private sealed class Delivery(IOutboxGrain outbox, IServerStreamWriter<P.OutboundMessage> stream, OutboundOptions options, CancellationToken cancel)
    {
        private readonly Dictionary<string, (DateTime SentAt, int Attempts)> inFlight = new(StringComparer.Ordinal);
        private long cursor;
        private long rewind = long.MaxValue;

        /// <summary>How long to sleep before the next pass: until the next send falls due, at most <paramref name="poll"/>.</summary>
        public TimeSpan NextWait(TimeSpan poll)
        {
            if (inFlight.Count == 0)
            {
                return poll;
            }

            var now = DateTime.UtcNow;
            var due = inFlight.Values.Min(f => f.SentAt + options.Backoff(f.Attempts)) - now;
            return due < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : due < poll ? due : poll;
        }

        /// <summary>A hint: messages at or before the cursor (dead letters retried) make the next pass start before them.</summary>
        public void Hinted(IReadOnlyList<OutboundMessage> messages)
        {
            foreach (var message in messages.Where(m => m.Cursor > 0))
            {
                long seen;
                do
                {
                    seen = Interlocked.Read(ref rewind);
                }
                while (message.Cursor - 1 < seen && Interlocked.CompareExchange(ref rewind, message.Cursor - 1, seen) != seen);
            }
        }

        public async Task PassAsync()
        {
            var back = Interlocked.Exchange(ref rewind, long.MaxValue);
            if (back < cursor)
            {
                cursor = back;
            }

            var dead = new List<DeadLetterRequest>();
            IReadOnlyList<OutboundMessage> pending;
            do
            {
                pending = await outbox.GetPendingAsync(cursor, Page);
                foreach (var message in pending)
                {
                    if (!inFlight.ContainsKey(message.OutboundId))
                    {
                        await SendOrBuryAsync(message, 0, dead);
                    }

                    cursor = Math.Max(cursor, message.Cursor);
                }
            }
            while (pending.Count == Page);

            var now = DateTime.UtcNow;
            if (inFlight.Values.Any(f => now - f.SentAt >= options.Backoff(f.Attempts)))
            {
                await RedeliverAsync(dead);
            }

            if (dead.Count > 0)
            {
                await outbox.DeadLetterAsync(dead);
                foreach (var letter in dead)
                {
                    inFlight.Remove(letter.OutboundId);
                }
            }
        }

        /// <summary>
        /// One pass over the pending messages this stream already sent: those due are sent again (or dead-lettered);
        /// those no longer pending (acknowledged, dead-lettered elsewhere) are forgotten.
        /// </summary>
        private async Task RedeliverAsync(List<DeadLetterRequest> dead)
        {
            var stillPending = new HashSet<string>(StringComparer.Ordinal);
            long after = 0;
            while (after < cursor)
            {
                var page = await outbox.GetPendingAsync(after, Page);
                foreach (var message in page.TakeWhile(m => m.Cursor <= cursor))
                {
                    stillPending.Add(message.OutboundId);
                    if (inFlight.TryGetValue(message.OutboundId, out var sent) && DateTime.UtcNow - sent.SentAt >= options.Backoff(sent.Attempts))
                    {
                        await SendOrBuryAsync(message, sent.Attempts, dead);
                    }
                }

                if (page.Count < Page)
                {
                    break;
                }

                after = page[^1].Cursor;
            }

            foreach (var gone in inFlight.Keys.Where(id => !stillPending.Contains(id)).ToList())
            {
                inFlight.Remove(gone);
            }
        }

        private async Task SendOrBuryAsync(OutboundMessage message, int attempts, List<DeadLetterRequest> dead)
        {
            if (DateTimeOffset.UtcNow - message.CreatedAt >= options.DeadAfter)
            {
                dead.Add(new DeadLetterRequest(message.OutboundId, "too-old", attempts));
                return;
            }

            if (attempts >= options.MaxAttempts)
            {
                dead.Add(new DeadLetterRequest(message.OutboundId, "max-attempts", attempts));
                return;
            }

            await stream.WriteAsync(ProtoMap.ToProto(message), cancel);
            inFlight[message.OutboundId] = (DateTime.UtcNow, attempts + 1);
            if (attempts == 0)
            {
                EdgeMetrics.OutboundLag.Observe(Math.Max(0, (DateTimeOffset.UtcNow - message.CreatedAt).TotalSeconds));
            }

            EdgeMetrics.OutboundDelivered.WithLabels(message.Channel.ToString().ToLowerInvariant()).Inc();
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
