using System.Net;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.LoadTests;

/// <summary>
/// The floor of a unary gRPC call on this machine: a minimal Grpc.AspNetCore server (Kestrel, HTTP/2 without TLS on a
/// free loopback port, no logging) hosted in the driver's process, serving Grid's own <c>IngestService</c> contract
/// with a <c>PostInbound</c> that answers at once. It is driven by the same closed loop, channel settings, requests and
/// headers as Grid's ingest, so the difference between the two is what Grid does with a message.
/// </summary>
public sealed class EchoBaseline : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GrpcChannel channel;

    private EchoBaseline(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
        channel = ClosedLoop.Channel(url);
        Client = new IngestService.IngestServiceClient(channel);
    }

    /// <summary>The server's address, <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; }

    /// <summary>A client of the echo server.</summary>
    public IngestService.IngestServiceClient Client { get; }

    /// <summary>Starts the echo server on a free loopback port.</summary>
    public static async Task<EchoBaseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoIngestService>();
        await app.StartAsync();
        return new EchoBaseline(app, app.Urls.Single());
    }

    /// <summary>One closed-loop run against the echo server.</summary>
    public Task<RunResult> RunAsync(Metadata headers, int concurrency, TimeSpan duration, Func<int, int, PostInboundRequest> request) =>
        ClosedLoop.PostAsync(Client, headers, concurrency, duration, request);

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Grid's ingest contract answering at once, with an acknowledgement the size of Grid's.</summary>
    private sealed class EchoIngestService : IngestService.IngestServiceBase
    {
        private static readonly PostInboundResponse Ack = new()
        {
            CustomerId = "cus_" + Guid.Empty.ToString("N"),
            ConversationId = "cnv_" + Guid.Empty.ToString("N"),
            Seq = 2,
        };

        public override Task<PostInboundResponse> PostInbound(PostInboundRequest request, ServerCallContext context) => Task.FromResult(Ack);
    }
}
