using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Grid.Edge;

/// <summary>
/// The edge's explicit request limits (docs/architecture.md, "Security", and README "Ports, endpoints and
/// configuration"), set here rather than left to each library's defaults so that they are written down and tested
/// (MalformedInputTests): gRPC messages, agents' hub messages and Kestrel's bodies, headers and HTTP/2 streams.
/// </summary>
public static class ServerLimits
{
    /// <summary>A gRPC request message (the frame's declared length is checked before it is read): RESOURCE_EXHAUSTED beyond.</summary>
    public const int GrpcMessageBytes = 1024 * 1024;

    /// <summary>One message on the agents' hub: the connection is closed with an error beyond.</summary>
    public const int HubMessageBytes = 128 * 1024;

    /// <summary>
    /// A request body on either port: above the largest gRPC message of any service (the directory import, 20 MiB) and far
    /// above anything the HTTP port takes.
    /// </summary>
    public const long RequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>Applies Kestrel's limits (the server's, shared by both listeners).</summary>
    public static void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = RequestBodyBytes;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);
        limits.Http2.MaxStreamsPerConnection = 100;
        limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        limits.Http2.MaxFrameSize = 16 * 1024;
    }
}
