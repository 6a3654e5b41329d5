using System.Net;
using Grid.Conversations;
using Grid.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grid.Hosting;

/// <summary>Wires a silo for Grid: clustering, AdoNet persistence and reminders, the journal and the grains' services.</summary>
public static class GridSiloExtensions
{
    public const string StorageName = "grid";

    /// <summary>Configures the silo from the "Grid" section and ConnectionStrings:Grid.</summary>
    public static ISiloBuilder UseGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(GridRuntimeOptions.Section).Get<GridRuntimeOptions>() ?? new GridRuntimeOptions();
        var layout = GridStorageLayout.From(options, configuration.GetConnectionString("Grid"));
        var endpoints = options.Orleans;

        if (options.Mode == GridMode.Cluster)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(endpoints.AdvertisedIp), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = layout.Orleans.OrleansInvariant;
                o.DataSource = layout.Orleans.OrleansDataSource;
            });
        }
        else
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: endpoints.ServiceId, clusterId: endpoints.ClusterId);
        }

        return silo.UseGridStorage(layout, configuration);
    }

    /// <summary>The storage and services part of <see cref="UseGrid"/>, also used by the test cluster.</summary>
    public static ISiloBuilder UseGridStorage(this ISiloBuilder silo, GridStorageLayout layout, IConfiguration configuration)
    {
        GridMetrics.Initialize();
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = layout.Orleans.OrleansInvariant;
            o.DataSource = layout.Orleans.OrleansDataSource;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = layout.Orleans.OrleansInvariant;
            o.DataSource = layout.Orleans.OrleansDataSource;
        });
        silo.ConfigureServices(services =>
        {
            services.Configure<GridRuntimeOptions>(configuration.GetSection(GridRuntimeOptions.Section));
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(layout);
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaInstaller>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GroupCommitWriter>(sp, layout.Journal));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<JournalStore>(sp, layout.Journal));
            services.AddSingleton<ILanguageDetector, StopWordLanguageDetector>();

            // The inbound pipeline, in order. Later: triage and the bot before routing.
            services.AddSingleton<IInboundStep, RouteToAgentStep>();
            services.AddSingleton<IInboundStep, AcknowledgeStep>();
        });
        return silo;
    }
}
