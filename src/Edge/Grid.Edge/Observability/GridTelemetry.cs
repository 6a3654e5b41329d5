using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Grid.Edge.Observability;

/// <summary>
/// OpenTelemetry tracing of the inbound path, exported by OTLP when Grid:Telemetry:OtlpEndpoint is set
/// (docs/architecture.md, "Operations"): the edge's gRPC and HTTP requests (ASP.NET Core), the grain calls they make
/// (Orleans' activity propagation, turned on in the silo and the edge's client with the same setting) and the journal
/// append (Grid's own source). Unset, nothing is registered: no listener, no span, no cost.
/// </summary>
public static class GridTelemetry
{
    public const string Section = "Grid:Telemetry";

    /// <summary>Grid's activity source (the journal append), as the grains name it.</summary>
    public const string GridSource = "Grid";

    /// <summary>Orleans' activity sources (grain calls as client and server, and its runtime's).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Whether tracing is configured (Grid:Telemetry:OtlpEndpoint set).</summary>
    public static bool Enabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:OtlpEndpoint"]);

    /// <summary>Registers the tracer provider and its OTLP exporter when Grid:Telemetry:OtlpEndpoint is set.</summary>
    public static WebApplicationBuilder AddGridTracing(this WebApplicationBuilder builder, string defaultServiceName)
    {
        var configuration = builder.Configuration;
        if (!Enabled(configuration))
        {
            return builder;
        }

        var endpoint = configuration[$"{Section}:OtlpEndpoint"]!;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Invalid($"{Section}:OtlpEndpoint must be an absolute http or https URL (e.g. http://otel-collector:4317): it is '{endpoint}'.");
        }

        var protocol = (configuration[$"{Section}:OtlpProtocol"] ?? "grpc") switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw Invalid($"{Section}:OtlpProtocol must be 'grpc' or 'http/protobuf': it is '{other}'."),
        };
        var ratio = configuration.GetValue<double?>($"{Section}:SampleRatio") ?? 1.0;
        if (ratio is < 0 or > 1)
        {
            throw Invalid($"{Section}:SampleRatio must be between 0 and 1: it is {ratio}.");
        }

        var serviceName = configuration[$"{Section}:ServiceName"] is { Length: > 0 } name ? name : defaultServiceName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes are not the inbound path.
                    o.Filter = http => !(http.Request.Path.StartsWithSegments("/metrics") || http.Request.Path.StartsWithSegments("/healthz")
                        || http.Request.Path.StartsWithSegments("/readyz"));
                })
                .AddSource(GridSource)
                .AddSource(OrleansSources)
                .AddOtlpExporter(o =>
                {
                    o.Protocol = protocol;
                    // With http/protobuf the URL is the traces endpoint itself (…/v1/traces), as OTLP's signal-specific setting.
                    o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && !uri.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal)
                        ? new Uri(uri, "v1/traces")
                        : uri;
                }));
        return builder;
    }

    /// <summary>A setting that cannot work: stops the start with one line naming the key (see <see cref="StartupErrors"/>).</summary>
    private static Microsoft.Extensions.Options.OptionsValidationException Invalid(string message) =>
        new(Section, typeof(GridTelemetry), [message]);
}
