using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.LoadTests.OpenLoop;

/// <summary>
/// The Grid under test: one gRPC channel per edge address (the embedded host has one; a cluster's edges are used in
/// turn, request by request), the integrator's key as metadata, and the edges' HTTP addresses for agents' hubs.
/// </summary>
public sealed class Targets : IDisposable
{
    private readonly GrpcChannel[] channels;
    private readonly IngestService.IngestServiceClient[] ingest;
    private readonly ReadService.ReadServiceClient[] read;
    private long next = -1;

    public Targets(DriverOptions options)
    {
        channels = [.. options.GrpcUrls.Select(ClosedLoop.Channel)];
        ingest = [.. channels.Select(c => new IngestService.IngestServiceClient(c))];
        read = [.. channels.Select(c => new ReadService.ReadServiceClient(c))];
        Headers = new Metadata { { "x-api-key", options.ApiKey } };
        HubUrls = options.HttpUrls;
    }

    public Metadata Headers { get; }

    public string[] HubUrls { get; }

    /// <summary>The ingest client of the next edge in turn.</summary>
    public IngestService.IngestServiceClient Ingest() => ingest[(int)((ulong)Interlocked.Increment(ref next) % (ulong)ingest.Length)];

    /// <summary>The read client of the next edge in turn.</summary>
    public ReadService.ReadServiceClient Read() => read[(int)((ulong)Interlocked.Increment(ref next) % (ulong)read.Length)];

    public void Dispose()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }
}
