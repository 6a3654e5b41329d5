using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.FaultTests.Harness;

using Channel = Grid.Protos.V1.Channel;

/// <summary>What the load sends: how many conversations (one customer each), how many callers, and how it retries.</summary>
public sealed record LoadShape
{
    /// <summary>Customers, each writing its messages one after the other into its conversation.</summary>
    public int Senders { get; init; } = 200;

    /// <summary>Concurrent callers; each owns Senders / Workers customers and serves them in turn.</summary>
    public int Workers { get; init; } = 32;

    /// <summary>The deadline of each call; a call that misses it is retried with the same external id.</summary>
    public TimeSpan CallDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause before a retry (integrators back off the same way).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one message may be retried after the load is told to stop before it counts as never acknowledged.</summary>
    public TimeSpan GiveUpAfterStop { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Every Nth acknowledged message is posted again with its key: the answer must be the same message, marked duplicate.</summary>
    public int ResendEvery { get; init; } = 5;

    /// <summary>Each message is posted through two edges at the same instant (needs two edges).</summary>
    public bool Twin { get; init; }
}

/// <summary>One gRPC call of the load: when it ended, how long it took, its status.</summary>
public readonly record struct CallOutcome(long EndedMs, long DurationMs, StatusCode Code, int Sender);

/// <summary>A message the grid acknowledged: what was sent and the conversation and sequence number it answered.</summary>
public sealed record AckedMessage(int Sender, int Index, string ExternalId, string Text, string ConversationId, long Seq, long AckedMs);

/// <summary>
/// The fault suite's load: <see cref="LoadShape.Senders"/> customers posting SMS over real gRPC clients of one or more
/// edges, each customer's messages one at a time (so their order is known), every failed call retried with the same
/// external id until acknowledged (the edge it goes to alternates), some acknowledged messages posted again to check
/// the idempotent answer. Every call's status is recorded with its time, so that faults marked with <see cref="Mark"/>
/// can be matched with the failures they caused.
/// </summary>
public sealed class FaultLoad
{
    private static int runs = Random.Shared.Next(10, 60);
    private readonly IReadOnlyList<IntegratorClient> edges;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<CallOutcome> calls = new();
    private readonly ConcurrentQueue<AckedMessage> acks = new();
    private readonly ConcurrentQueue<string> violations = new();
    private readonly ConcurrentQueue<(long AtMs, string Label)> marks = new();
    private readonly ConcurrentQueue<(long AtMs, string Label)> notes = new();
    private readonly ConcurrentDictionary<int, string> unacknowledged = new();
    private readonly int run = Interlocked.Increment(ref runs) % 100;

    public FaultLoad(IReadOnlyList<IntegratorClient> edges, LoadShape shape)
    {
        if (shape.Twin && edges.Count < 2)
        {
            throw new ArgumentException("A twin load needs two edges.", nameof(edges));
        }

        this.edges = edges;
        Shape = shape;
        Prefix = $"fault{run:D2}{Guid.NewGuid().ToString("N")[..6]}-";
    }

    public LoadShape Shape { get; }

    /// <summary>The start of every external id of this load (the checker reads back only these).</summary>
    public string Prefix { get; }

    public IReadOnlyCollection<AckedMessage> Acks => acks;

    public IReadOnlyCollection<CallOutcome> Calls => calls;

    /// <summary>Idempotency answers that disagreed (a re-post or twin post answered another message, or "not duplicate").</summary>
    public IReadOnlyCollection<string> Violations => violations;

    /// <summary>Messages still unacknowledged when the load gave up on them (sender → external id).</summary>
    public IReadOnlyDictionary<int, string> Unacknowledged => unacknowledged;

    public IReadOnlyList<(long AtMs, string Label)> Marks => marks.ToList();

    /// <summary>Milliseconds since the load was created: the time base of calls and marks.</summary>
    public long NowMs => clock.ElapsedMilliseconds;

    /// <summary>Records that a fault was injected (or ended) now.</summary>
    public void Mark(string label) => marks.Enqueue((NowMs, label));

    /// <summary>Records something seen during a fault (e.g. the silo declared dead), reported with its time after the fault.</summary>
    public void Note(string label) => notes.Enqueue((NowMs, label));

    public IReadOnlyList<(long AtMs, string Label)> Notes => notes.ToList();

    public string SenderAddress(int sender) => $"+3375{run:D2}{sender:D5}";

    /// <summary>Runs until <paramref name="stop"/> fires, then finishes (acknowledges) each caller's message in flight.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var workers = Enumerable.Range(0, Shape.Workers).Select(w => Task.Run(() => WorkAsync(w, stop))).ToList();
        await Task.WhenAll(workers);
    }

    /// <summary>Posts the first message of every sender (their conversations exist and are active), <paramref name="concurrency"/> at a time.</summary>
    public async Task OpenConversationsAsync(int concurrency, CancellationToken stop)
    {
        var next = -1;
        var callers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int sender;
            while ((sender = Interlocked.Increment(ref next)) < Shape.Senders)
            {
                await SendAsync(sender, 0, stop);
            }
        }));
        await Task.WhenAll(callers);
    }

    /// <summary>How many messages of <paramref name="sender"/> were acknowledged (the next index to send).</summary>
    private readonly ConcurrentDictionary<int, int> sent = new();

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var mine = Enumerable.Range(0, Shape.Senders).Where(s => s % Shape.Workers == worker).ToArray();
        if (mine.Length == 0)
        {
            return;
        }

        for (var turn = 0; !stop.IsCancellationRequested; turn++)
        {
            var sender = mine[turn % mine.Length];
            var index = sent.GetOrAdd(sender, 0);
            await SendAsync(sender, index, stop);
        }
    }

    private async Task SendAsync(int sender, int index, CancellationToken stop)
    {
        var externalId = $"{Prefix}{sender}-{index}";
        var request = new PostInboundRequest
        {
            Channel = Channel.Sms,
            Sender = SenderAddress(sender),
            ExternalId = externalId,
            Text = $"Fault test message {index} from customer {sender} of run {Prefix}",
        };
        PostInboundResponse? ack;
        if (Shape.Twin)
        {
            var both = await Task.WhenAll(PostUntilAckedAsync(sender, request, 0, stop), PostUntilAckedAsync(sender, request, 1, stop));
            ack = both[0];
            if (both[0] is { } a && both[1] is { } b && (a.ConversationId != b.ConversationId || a.Seq != b.Seq || (!a.Duplicate && !b.Duplicate)))
            {
                violations.Enqueue($"{externalId} through two edges: {a.ConversationId}#{a.Seq} (duplicate {a.Duplicate}) and {b.ConversationId}#{b.Seq} (duplicate {b.Duplicate})");
            }
        }
        else
        {
            ack = await PostUntilAckedAsync(sender, request, index, stop);
        }

        if (ack is null)
        {
            unacknowledged[sender] = externalId;
            return;
        }

        acks.Enqueue(new AckedMessage(sender, index, externalId, request.Text, ack.ConversationId, ack.Seq, NowMs));
        sent[sender] = index + 1;
        if (Shape.ResendEvery > 0 && (index + sender) % Shape.ResendEvery == 0)
        {
            var again = await PostUntilAckedAsync(sender, request, index + 1, stop);
            if (again is not null && (again.ConversationId != ack.ConversationId || again.Seq != ack.Seq || !again.Duplicate))
            {
                violations.Enqueue($"{externalId} posted again: {again.ConversationId}#{again.Seq} (duplicate {again.Duplicate}), first {ack.ConversationId}#{ack.Seq}");
            }
        }
    }

    /// <summary>Posts until acknowledged, retrying after any failure with the same request; null when it gave up after the stop.</summary>
    private async Task<PostInboundResponse?> PostUntilAckedAsync(int sender, PostInboundRequest request, int attempt, CancellationToken stop)
    {
        long? stoppedAt = null;
        while (true)
        {
            var edge = edges[(sender + attempt++) % edges.Count];
            var started = NowMs;
            try
            {
                var response = await edge.Ingest.PostInboundAsync(request, edge.Headers, deadline: DateTime.UtcNow + Shape.CallDeadline);
                calls.Enqueue(new CallOutcome(NowMs, NowMs - started, StatusCode.OK, sender));
                return response;
            }
            catch (RpcException failed)
            {
                calls.Enqueue(new CallOutcome(NowMs, NowMs - started, failed.StatusCode, sender));
            }

            if (stop.IsCancellationRequested)
            {
                stoppedAt ??= NowMs;
                if (NowMs - stoppedAt > Shape.GiveUpAfterStop.TotalMilliseconds)
                {
                    return null;
                }
            }

            await Task.Delay(Shape.RetryDelay, CancellationToken.None);
        }
    }
}
