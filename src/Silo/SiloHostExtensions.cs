using Grid.Bot;
using Grid.Edge;
using Grid.Edge.Web;
using Grid.Hosting;

namespace Grid.Silo;

/// <summary>How the silo process is put together (Program.cs stays short).</summary>
public static class SiloHostExtensions
{
    /// <summary>
    /// Embedded: locks the data directory, fills in development credentials, seeds the demo tenant's knowledge base (and,
    /// in the background, its triage model unless Grid:Triage:SeedDemo is false) on first start, runs the silo and the
    /// edge in-process with the desk's demo sign-in (unless Grid:Desk:DevSignIn is false), and prints where to go next
    /// once started (<see cref="StartupBanner"/>).
    /// Cluster: refuses to start without TLS (Grid:Orleans:Tls) unless Grid:Orleans:TrustedNetwork is true
    /// (<see cref="ClusterTransport"/>), then runs a silo on PostgreSQL, with the edge too when Grid:Edge:Enabled is
    /// true, otherwise only /metrics and health on the HTTP port. Either mode: the Orleans dashboard for operators when
    /// Grid:Dashboard:Enabled (<see cref="OperatorDashboard"/>); Kubernetes hosting in a pod (<see cref="KubernetesHosting"/>).
    /// </summary>
    public static DataDirectoryLock AddGridSilo(this WebApplicationBuilder builder)
    {
        var settings = SiloSettings.Read(builder.Configuration);
        var dataLock = DataDirectoryLock.None;
        ClusterTransport? transport = null;
        if (settings.Runtime.Mode == GridMode.Embedded)
        {
            dataLock = DataDirectoryLock.Acquire(settings.Runtime.DataDir);
            if (DevCredentials.Needed(builder.Configuration))
            {
                var credentials = DevCredentials.LoadOrCreate(settings.Runtime.DataDir);
                builder.Configuration.AddInMemoryCollection(credentials.AsDefaults(builder.Configuration).ToList());
            }
        }
        else
        {
            // Before anything starts: a cluster silo refuses an open transport (ClusterTransportException, one line).
            transport = ClusterTransport.Read(builder.Configuration);
            builder.Services.AddSingleton(transport);
        }

        builder.UseOrleans(silo =>
        {
            silo.UseGrid(builder.Configuration, transport);
            silo.UseGridDashboard(builder.Configuration);
            silo.UseGridKubernetes(builder.Configuration, settings.Runtime);
            if (Grid.Edge.Observability.GridTelemetry.Enabled(builder.Configuration))
            {
                silo.AddActivityPropagation(); // grain calls carry the trace (docs/architecture.md, "Operations")
            }
            if (settings.Runtime.Mode == GridMode.Embedded)
            {
                silo.SeedKnowledgeBase(DevCredentials.DemoTenant, DemoKnowledgeBase.Document, DemoKnowledgeBase.SettingsDocument);
                silo.SeedDirectory(DevCredentials.DemoTenant);
                if (builder.Configuration.GetValue<bool?>("Grid:Triage:SeedDemo") ?? true)
                {
                    silo.SeedTriageModel(DevCredentials.DemoTenant);
                }
            }
        });
        if (settings.EdgeEnabled)
        {
            builder.AddGridEdge();
            if (settings.Runtime.Mode == GridMode.Embedded)
            {
                builder.AddGridDeskDevSignIn(DevCredentials.DemoTenant);
            }
        }
        else
        {
            builder.AddGridHealthAndMetrics();
        }

        builder.AddGridDashboardAuth(settings.EdgeEnabled);
        return dataLock;
    }

    public static WebApplication MapGridSilo(this WebApplication app)
    {
        var settings = SiloSettings.Read(app.Configuration);
        app.Services.GetService<ClusterTransport>()?.UseLogger(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterTransport>());
        if (settings.EdgeEnabled)
        {
            app.MapGridEdge();
            if (settings.Runtime.Mode == GridMode.Embedded)
            {
                app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app.Configuration, settings.Runtime.DataDir, Console.Out));
            }
        }
        else
        {
            app.MapGridHealthAndMetrics();
        }

        app.MapGridDashboard(settings.EdgeEnabled);
        return app;
    }
}
