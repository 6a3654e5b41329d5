using System.Collections.Concurrent;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.FaultTests.Harness;

using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>
/// An integrator's outbound stream read the way a connector reads it through faults: one stream at a time, reopened on
/// the next edge when it breaks, every message acknowledged (acks sent in batches every 200 ms; an ack lost to a fault
/// means the message comes again, which a connector dedupes on its outbound id). Counts every message received and
/// keeps the first copy of each outbound id.
/// </summary>
public sealed class OutboundCollector : IAsyncDisposable
{
    private readonly IReadOnlyList<IntegratorClient> edges;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, OutboundMessage> messages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> toAck = new();
    private readonly Task reading;
    private readonly Task acking;
    private int received;
    private int reopened;

    public OutboundCollector(IReadOnlyList<IntegratorClient> edges)
    {
        this.edges = edges;
        reading = Task.Run(ReadAsync);
        acking = Task.Run(AckAsync);
    }

    /// <summary>Each outbound id received, with its first copy.</summary>
    public IReadOnlyDictionary<string, OutboundMessage> Messages => messages;

    /// <summary>Messages received, copies of an id included.</summary>
    public int Received => Volatile.Read(ref received);

    /// <summary>How many times the stream broke and was opened again.</summary>
    public int Reopened => Volatile.Read(ref reopened);

    /// <summary>Waits until <paramref name="count"/> distinct messages matching <paramref name="which"/> came, or <paramref name="timeout"/> passed.</summary>
    public async Task<int> WaitForAsync(Func<OutboundMessage, bool> which, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        int have;
        while ((have = messages.Values.Count(which)) < count && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        return have;
    }

    private async Task ReadAsync()
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var edge = edges[attempt % edges.Count];
            try
            {
                using var call = edge.Outbound.Receive(new ReceiveRequest(), edge.Headers, cancellationToken: stop.Token);
                await foreach (var message in call.ResponseStream.ReadAllAsync(stop.Token))
                {
                    Interlocked.Increment(ref received);
                    messages.TryAdd(message.OutboundId, message);
                    toAck.Enqueue(message.OutboundId);
                }
            }
            catch (RpcException) when (!stop.IsCancellationRequested)
            {
                // the edge's stream broke (its silo went away): open it again
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref reopened);
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task AckAsync()
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            await Task.Delay(200, CancellationToken.None);
            var batch = new List<string>();
            while (batch.Count < 500 && toAck.TryDequeue(out var id))
            {
                batch.Add(id);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await edges[attempt % edges.Count].AckAsync([.. batch]);
            }
            catch (RpcException)
            {
                // not acknowledged: those messages come again and are counted as copies
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(reading, acking);
        stop.Dispose();
    }
}
