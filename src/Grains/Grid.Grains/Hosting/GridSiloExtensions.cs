using System.Net;
using Grid.Bot;
using Grid.Conversations.Effects;
using Grid.Ingest;
using Grid.Pipeline;
using Grid.Pipeline.Steps;
using Grid.Storage;
using Grid.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grid.Hosting;

/// <summary>Wires a silo for Grid: clustering, AdoNet persistence and reminders, the journal and the grains' services.</summary>
public static class GridSiloExtensions
{
    public const string StorageName = "grid";

    /// <summary>
    /// Configures the silo from the "Grid" section and ConnectionStrings:Grid. Cluster mode: <paramref name="transport"/>
    /// is the transport already read (<see cref="ClusterTransport.Read"/>); when null, it is read here.
    /// </summary>
    public static ISiloBuilder UseGrid(this ISiloBuilder silo, IConfiguration configuration, ClusterTransport? transport = null)
    {
        var options = GridRuntimeOptions.Read(configuration);
        var layout = GridStorageLayout.From(options, configuration.GetConnectionString("Grid"));
        var endpoints = options.Orleans;

        if (options.Mode == GridMode.Cluster)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            var advertised = IPAddress.Parse(endpoints.AdvertisedIp);
            var listen = string.IsNullOrWhiteSpace(endpoints.ListenAddress) ? advertised : IPAddress.Parse(endpoints.ListenAddress);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = advertised;
                o.SiloPort = endpoints.SiloPort;
                o.GatewayPort = endpoints.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(listen, endpoints.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(listen, endpoints.GatewayPort);
            });
            silo.UseClusterTransport(transport ?? ClusterTransport.Read(configuration));
            silo.Configure<ClusterMembershipOptions>(o => FailureDetection.ConfigureMembership(o, configuration));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = layout.Orleans.OrleansInvariant;
                o.DataSource = layout.Orleans.OrleansDataSource;
            });
        }
        else
        {
            // Embedded: the edge is in this process, so no client gateway is opened (port 0 turns it off). An open gateway
            // would let any local process join as an Orleans client, past the edge's keys (docs/architecture.md, "Security").
            silo.UseLocalhostClustering(endpoints.SiloPort, gatewayPort: 0, serviceId: endpoints.ServiceId, clusterId: endpoints.ClusterId);
        }

        return silo.UseGridStorage(layout, configuration);
    }

    /// <summary>
    /// Silo-to-silo and client-to-gateway connections: TLS where both sides present a certificate signed by the cluster's
    /// CA (and accept only such certificates), or plain TCP on a trusted network.
    /// </summary>
    public static ISiloBuilder UseClusterTransport(this ISiloBuilder silo, ClusterTransport transport)
    {
        if (!transport.UsesTls)
        {
            return silo;
        }

        return silo.UseTls(transport.Certificate!, o => ConfigureMutualTls(o, transport));
    }

    /// <summary>Mutual authentication against the cluster's CA only; host names are not checked (membership is the CA's signature).</summary>
    public static void ConfigureMutualTls(Orleans.Connections.Security.TlsOptions options, ClusterTransport transport)
    {
        options.LocalCertificate = transport.Certificate;
        options.RemoteCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        options.RemoteCertificateValidation = (certificate, _, _) => transport.Admits(certificate);
    }

    /// <summary>The storage and services part of <see cref="UseGrid"/>, also used by the test cluster.</summary>
    public static ISiloBuilder UseGridStorage(this ISiloBuilder silo, GridStorageLayout layout, IConfiguration configuration)
    {
        GridMetrics.Initialize();
        silo.AddIncomingGrainCallFilter<StorageFaultFilter>();
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = layout.Orleans.OrleansInvariant;
            o.DataSource = layout.Orleans.OrleansDataSource;
            // A cleared state (GDPR erasure, retention) loses its row rather than keeping it with a null payload.
            o.DeleteStateOnClear = true;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = layout.Orleans.OrleansInvariant;
            o.DataSource = layout.Orleans.OrleansDataSource;
        });
        var clockPeriod = configuration.GetSection(GridRuntimeOptions.Section).GetValue<TimeSpan?>("Conversations:ClockPeriod") ?? TimeSpan.FromMinutes(1);
        var retentionPeriod = configuration.GetSection(GridRuntimeOptions.Section).GetValue<TimeSpan?>("Privacy:RetentionPeriod") ?? TimeSpan.FromHours(1);
        var shortest = clockPeriod < retentionPeriod ? clockPeriod : retentionPeriod;
        silo.Configure<Orleans.Hosting.ReminderOptions>(o =>
            o.MinimumReminderPeriod = shortest < o.MinimumReminderPeriod ? shortest : o.MinimumReminderPeriod);
        silo.ConfigureServices(services =>
        {
            // After Orleans' own binder is set: compiler-made collections are stored as plain lists (Storage/PlainCollectionsBinder).
            services.PostConfigure<Orleans.Serialization.OrleansJsonSerializerOptions>(o =>
                o.JsonSerializerSettings.SerializationBinder = new PlainCollectionsBinder(o.JsonSerializerSettings.SerializationBinder ?? new Newtonsoft.Json.Serialization.DefaultSerializationBinder()));
            // A database fault raised while a grain activates (its state read) escapes every grain call filter and travels
            // back as the driver's exception: without this Orleans cannot serialise NpgsqlException and the caller got a
            // codec error (gRPC INTERNAL) instead of a storage fault (UNAVAILABLE). Found by the fault suite (docs/reliability.md).
            services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
            services.AddOptions<GridRuntimeOptions>().BindConfiguration(GridRuntimeOptions.Section).ValidateOnStart();
            services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GridRuntimeOptions>, GridRuntimeOptionsValidator>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(layout);
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaInstaller>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GroupCommitWriter>(sp, layout.Journal));
            services.AddSingleton<IConversationJournal>(sp => ActivatorUtilities.CreateInstance<SqlConversationJournal>(sp, layout.Journal));
            services.AddSingleton<IOutboxStore>(sp => ActivatorUtilities.CreateInstance<SqlOutboxStore>(sp, layout.Journal));
            services.AddSingleton<IWaitingListStore>(sp => ActivatorUtilities.CreateInstance<SqlWaitingListStore>(sp, layout.Journal));
            services.AddSingleton<IConversationIndexStore>(sp => ActivatorUtilities.CreateInstance<SqlConversationIndexStore>(sp, layout.Journal));
            services.AddSingleton<IDirectoryStore>(sp => ActivatorUtilities.CreateInstance<SqlDirectoryStore>(sp, layout.Journal));
            services.AddSingleton<IAuditLogStore>(sp => ActivatorUtilities.CreateInstance<SqlAuditLogStore>(sp, layout.Journal));
            services.AddSingleton<IProactiveStore>(sp => ActivatorUtilities.CreateInstance<SqlProactiveStore>(sp, layout.Journal));
            services.AddSingleton<IScheduledPushStore>(sp => ActivatorUtilities.CreateInstance<SqlScheduledPushStore>(sp, layout.Journal));
            services.AddSingleton<IInternalOutbox>(sp => ActivatorUtilities.CreateInstance<SqlInternalOutbox>(sp, layout.Journal));
            services.AddSingleton<AddressHasher>();
            services.AddSingleton<IdentityCache>();
            services.AddSingleton<Proactive.ActionLinks>();
            services.AddGridPipeline();
            services.AddGridKnowledge();
        });
        return silo;
    }

    /// <summary>
    /// Knowledge bases: the silo's matchers (one per tenant, rebuilt when the knowledge base's version changes), used by
    /// <see cref="BotEvaluatorGrain"/>.
    /// </summary>
    public static IServiceCollection AddGridKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<BotMatchers>();
        services.AddSingleton<BotWarmup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<BotWarmup>());

        // The Lucene matcher (Bot/KnowledgeMatcher). Without a factory, Evaluate answers UNAVAILABLE and the bot stays silent.
        services.AddSingleton<IKnowledgeMatcherFactory, KnowledgeMatcherFactory>();
        return services;
    }

    /// <summary>
    /// Seeds <paramref name="tenant"/>'s knowledge base with <paramref name="document"/> (the import's JSON form) and
    /// <paramref name="settings"/> (their JSON form; null for the defaults) when the silo becomes active, only when that
    /// knowledge base was never written.
    /// </summary>
    public static ISiloBuilder SeedKnowledgeBase(this ISiloBuilder silo, string tenant, Func<string> document, Func<string?> settings) =>
        silo.ConfigureServices(services => services
            .AddSingleton(new SeededKnowledgeTenant(tenant))
            .AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                ActivatorUtilities.CreateInstance<KnowledgeSeeder>(sp, tenant, new KnowledgeSeed(document, settings))));

    /// <summary>
    /// Trains <paramref name="tenant"/>'s category model from the embedded demo history in the background once the silo is
    /// active, only when that tenant never stored one.
    /// </summary>
    public static ISiloBuilder SeedTriageModel(this ISiloBuilder silo, string tenant) =>
        silo.ConfigureServices(services => services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            ActivatorUtilities.CreateInstance<Triage.TriageSeeder>(sp, tenant)));

    /// <summary>
    /// Gives <paramref name="tenant"/> the demo reference patterns (when never set) and customer directory (when empty)
    /// once the silo is active.
    /// </summary>
    public static ISiloBuilder SeedDirectory(this ISiloBuilder silo, string tenant) =>
        silo.ConfigureServices(services => services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            ActivatorUtilities.CreateInstance<CustomerDirectory.DirectorySeeder>(sp, tenant)));

    /// <summary>
    /// The inbound pipeline and the conversation effects. Analyzers run outside the conversation grain; steps run in
    /// the order of Grid:Pipeline:Steps; effects run in the order registered here.
    /// </summary>
    public static IServiceCollection AddGridPipeline(this IServiceCollection services)
    {
        services.AddSingleton<ILanguageDetector, StopWordLanguageDetector>();
        services.AddSingleton<IMessageAnalyzer, LanguageAnalyzer>();
        services.AddSingleton<IMessageAnalyzer, Sentiment.SentimentAnalyzer>();
        services.AddSingleton<IMessageAnalyzer, BotAnalyzer>();
        services.AddSingleton<Triage.ITriageModelSource, Triage.GrainTriageModelSource>();
        services.AddSingleton<Triage.TriageModels>();
        services.AddSingleton<Triage.TenantReferencePatterns>();
        services.AddSingleton<IMessageAnalyzer, Triage.TriageAnalyzer>();
        services.AddSingleton<IMessageAnalyzer, Triage.ReferencesAnalyzer>();
        services.AddSingleton<CustomerDirectory.DirectoryIdentification>();
        services.AddSingleton<MessageAnalyzers>();
        services.AddSingleton<IInboundStep, RecordFactsStep>();
        services.AddSingleton<IInboundStep, CustomerDirectory.IdentifyStep>();
        services.AddSingleton<IInboundStep, ScreeningStep>();
        services.AddSingleton<Proactive.OpenIncidents>();
        services.AddSingleton<Proactive.PendingPushLinks>();
        services.AddSingleton<IInboundStep, Proactive.IncidentStep>();
        services.AddSingleton<IInboundStep, CallbackStep>();
        services.AddSingleton<IInboundStep, BotStep>();
        services.AddSingleton<Escalation.EscalationPolicies>();
        services.AddSingleton<Escalation.ITenantPolicies>(sp => sp.GetRequiredService<Escalation.EscalationPolicies>());
        services.AddSingleton<IInboundStep, EscalationStep>();
        services.AddSingleton<Routing.RoutingConfigs>();
        services.AddSingleton<Routing.ITenantRouting>(sp => sp.GetRequiredService<Routing.RoutingConfigs>());
        services.AddSingleton<IInboundStep, RoutingStep>();
        services.AddSingleton<IInboundStep, AcknowledgeStep>();
        services.AddSingleton<InboundPipeline>();

        services.AddSingleton<ConversationEffects>();
        services.AddSingleton<IConversationEffect, MetricsEffect>();
        services.AddSingleton<IConversationEffect, QueueEffect>();
        services.AddSingleton<IConversationEffect, AgentAssignmentEffect>();
        services.AddSingleton<IConversationEffect, StickyAgentEffect>();
        services.AddSingleton<IConversationEffect, OpenConversationsEffect>();
        services.AddSingleton<IConversationEffect, AgentPushEffect>();
        services.AddSingleton<IConversationEffect, AlertEffect>();
        services.AddSingleton<IConversationEffect, OutboxHintEffect>();
        services.AddSingleton<IConversationEffect, CloseReminderEffect>();
        services.AddSingleton<IConversationEffect, UnansweredQuestionEffect>();
        services.AddSingleton<IConversationEffect, Proactive.IncidentContactEffect>();
        return services;
    }
}
