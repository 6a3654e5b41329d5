using System.Threading.Channels;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.Tests.Infrastructure;

using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>A real gRPC client of one integrator over loopback.</summary>
public sealed class IntegratorClient : IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly Metadata headers;

    public IntegratorClient(int grpcPort, string? apiKey)
    {
        channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        headers = apiKey is null ? [] : new Metadata { { "x-api-key", apiKey } };
        Ingest = new IngestService.IngestServiceClient(channel);
        Outbound = new OutboundService.OutboundServiceClient(channel);
        Read = new ReadService.ReadServiceClient(channel);
        Knowledge = new KnowledgeService.KnowledgeServiceClient(channel);
        Escalation = new EscalationService.EscalationServiceClient(channel);
        Routing = new RoutingService.RoutingServiceClient(channel);
        Directory = new DirectoryService.DirectoryServiceClient(channel);
        Gdpr = new GdprService.GdprServiceClient(channel);
        Proactive = new ProactiveService.ProactiveServiceClient(channel);
    }

    public GdprService.GdprServiceClient Gdpr { get; }

    public IngestService.IngestServiceClient Ingest { get; }

    public OutboundService.OutboundServiceClient Outbound { get; }

    public ReadService.ReadServiceClient Read { get; }

    public KnowledgeService.KnowledgeServiceClient Knowledge { get; }

    public EscalationService.EscalationServiceClient Escalation { get; }

    public RoutingService.RoutingServiceClient Routing { get; }

    public DirectoryService.DirectoryServiceClient Directory { get; }

    public ProactiveService.ProactiveServiceClient Proactive { get; }

    public Metadata Headers => headers;

    public GrpcChannel Channel => channel;

    /// <summary>
    /// Waits until the tenant's bot is built on the grid, as an integrator checks an import before customers write: an
    /// Evaluate answers once the knowledge base's current version is built. A build on a loaded machine may outlast a
    /// call's deadline; the call is then repeated while the build carries on. A customer message that comes before
    /// waits Grid:Bot:FirstBuildWait at most, then goes to a person ("bot-warming-up").
    /// </summary>
    public async Task BotReadyAsync()
    {
        var giveUp = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                await Knowledge.EvaluateAsync(new EvaluateRequest { Text = "bonjour" }, headers, deadline: DateTime.UtcNow.AddSeconds(40));
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && DateTime.UtcNow < giveUp)
            {
                await Task.Delay(500);
            }
        }
    }

    public Task<PostInboundResponse> PostSmsAsync(string sender, string externalId, string text) =>
        PostAsync(new PostInboundRequest { Channel = Protos.V1.Channel.Sms, Sender = sender, ExternalId = externalId, Text = text });

    public async Task<PostInboundResponse> PostAsync(PostInboundRequest request) =>
        await Ingest.PostInboundAsync(request, headers, deadline: DateTime.UtcNow.AddSeconds(30));

    public Task<Conversation> GetConversationAsync(string conversationId) =>
        Read.GetConversationAsync(new GetConversationRequest { ConversationId = conversationId }, headers).ResponseAsync;

    /// <summary>Every entry of a conversation, reading all pages.</summary>
    public async Task<List<Entry>> ListAllAsync(string conversationId, int pageSize = 100)
    {
        var all = new List<Entry>();
        long after = 0;
        while (true)
        {
            var page = await Read.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId, AfterSeq = after, Limit = pageSize }, headers);
            all.AddRange(page.Entries);
            after = page.NextAfterSeq;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }

    /// <summary>Opens the outbound stream; messages land in the returned reader until the stream is disposed.</summary>
    public OutboundStream OpenOutbound() => new(Outbound.Receive(new ReceiveRequest(), headers));

    public Task<AckResponse> AckAsync(params string[] ids) =>
        Outbound.AckAsync(new AckRequest { OutboundIds = { ids } }, headers).ResponseAsync;

    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A running outbound stream, pumped into a channel.</summary>
public sealed class OutboundStream : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<OutboundMessage> call;
    private readonly Channel<OutboundMessage> messages = System.Threading.Channels.Channel.CreateUnbounded<OutboundMessage>();
    private readonly Task pump;

    public OutboundStream(AsyncServerStreamingCall<OutboundMessage> call)
    {
        this.call = call;
        pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in call.ResponseStream.ReadAllAsync())
                {
                    await messages.Writer.WriteAsync(message);
                }

                messages.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                messages.Writer.TryComplete(ex);
            }
        });
    }

    /// <summary>The next message, or a TimeoutException naming what was awaited.</summary>
    public async Task<OutboundMessage> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        try
        {
            return await messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No outbound message within {timeout}.");
        }
    }

    /// <summary>The next message of one conversation, skipping others' (streams carry every conversation of the integrator).</summary>
    public async Task<OutboundMessage> NextForAsync(string conversationId, TimeSpan timeout, Protos.V1.EntryKind? kind = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = await NextAsync(deadline - DateTime.UtcNow);
            if (message.ConversationId == conversationId && (kind is null || message.Kind == kind))
            {
                return message;
            }
        }
    }

    /// <summary>True when no message arrives within <paramref name="wait"/>.</summary>
    /// <summary>Discards what arrives within <paramref name="settle"/> (copies sent before an ack landed); returns their ids.</summary>
    public async Task<List<string>> DrainAsync(TimeSpan settle)
    {
        var drained = new List<string>();
        using var cts = new CancellationTokenSource(settle);
        try
        {
            while (await messages.Reader.WaitToReadAsync(cts.Token))
            {
                while (messages.Reader.TryRead(out var message))
                {
                    drained.Add(message.OutboundId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // settled
        }

        return drained;
    }

    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await messages.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        call.Dispose();
        try
        {
            await pump;
        }
        catch (RpcException)
        {
            // cancelled by the dispose above
        }
    }
}
