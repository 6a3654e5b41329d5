using Grid.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Grid.Edge.Host;

/// <summary>Joins the edge to a cluster as an Orleans client.</summary>
public static class EdgeClientExtensions
{
    /// <summary>
    /// With ConnectionStrings:Grid set, finds the silos' gateways through AdoNet clustering on PostgreSQL;
    /// without it, connects to a local silo's gateway on Grid:Orleans:GatewayPort (development). On a cluster, the
    /// gateways are reached over TLS with this edge's certificate (Grid:Orleans:Tls), or in plain TCP only when
    /// Grid:Orleans:TrustedNetwork is true; otherwise <see cref="ClusterTransport.Read"/> refuses.
    /// </summary>
    public static WebApplicationBuilder AddGridEdgeClient(this WebApplicationBuilder builder)
    {
        var options = OrleansClientOptions.Read(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Grid");
        var transport = string.IsNullOrWhiteSpace(connectionString) ? null : ClusterTransport.Read(builder.Configuration);
        if (transport is not null)
        {
            builder.Services.AddSingleton(transport);
        }

        builder.UseOrleansClient(client =>
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                client.Configure<GatewayOptions>(o => FailureDetection.ConfigureGateway(o, builder.Configuration));
                // The silos send PostgreSQL faults of grain activations as NpgsqlException (see GridSiloExtensions.UseGridStorage).
                client.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
                if (transport is { UsesTls: true })
                {
                    client.UseTls(transport.Certificate!, o =>
                    {
                        o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                        o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                        o.CheckCertificateRevocation = false;
                        o.RemoteCertificateValidation = (certificate, _, _) => transport.Admits(certificate);
                    });
                }
            }

            if (Observability.GridTelemetry.Enabled(builder.Configuration))
            {
                client.AddActivityPropagation(); // grain calls carry the edge's trace (docs/architecture.md, "Operations")
            }

            // Keep trying while the cluster starts or a gateway is replaced.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
