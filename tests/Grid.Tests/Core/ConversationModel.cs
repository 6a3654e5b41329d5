using System.Text.Json;
using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Hosting;
using Grid.Pipeline;
using Grid.Pipeline.Steps;
using Grid.Storage;
using Grid.Storage.InMemory;
using Microsoft.Extensions.Options;

namespace Grid.Tests.Core;

/// <summary>
/// The conversation core without Orleans: decide → append (in-memory journal) → apply, exactly the grain's order,
/// so its rules and its replay are tested in milliseconds.
/// </summary>
internal sealed class ConversationModel
{
    public const string Tenant = "t";
    public const int RecentLimit = 10;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The model runs no bot analyzer, so the bot step never looks a knowledge base up: no factory, no grains.</summary>
    private static readonly Grid.Bot.BotMatchers NoKnowledge = new(null!, Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection()), TimeProvider.System);

    private readonly InboundPipeline pipeline;

    public ConversationModel(string conversationId = "cnv_model", InMemoryTables? tables = null, Grid.Escalation.EscalationPolicy? policy = null, IMessageAnalyzer? analyzer = null)
    {
        ConversationId = conversationId;
        Tables = tables ?? new InMemoryTables();
        Journal = new InMemoryConversationJournal(Tables);
        // The proactive step needs the tenant's incidents and their store, which the model does not run: every other step.
        var runtime = new GridRuntimeOptions();
        runtime.Pipeline.Steps = [.. PipelineOptions.DefaultSteps.Where(step => step != "incident")];
        var options = Options.Create(runtime);
        var policies = new FixedPolicies(policy);
        var analyzers = new MessageAnalyzers(analyzer is null ? [new LanguageAnalyzer(new StopWordLanguageDetector())] : [new LanguageAnalyzer(new StopWordLanguageDetector()), analyzer]);
        pipeline = new InboundPipeline([new RecordFactsStep(), new Grid.CustomerDirectory.IdentifyStep(), new ScreeningStep(policies), new CallbackStep(policies), new Grid.Bot.BotStep(NoKnowledge), new EscalationStep(policies, new FixedTime(() => Now)), new RoutingStep(policies, new FixedRouting()), new AcknowledgeStep(options, policies)], analyzers, options);
    }

    public string ConversationId { get; }

    public InMemoryTables Tables { get; }

    public InMemoryConversationJournal Journal { get; }

    public ConversationState State { get; } = new();

    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public async Task<UnitResult> InboundAsync(InboundMessage message, string customerId = "cus_1")
    {
        // Every analyzer here is cheap, so the pipeline runs them inline and never touches the grain factory.
        var rows = await pipeline.DecideAsync(null!, State, message, new CustomerProfile(customerId, 1, [message.Channel]), Now, ConversationId);
        return await CommitAsync(rows);
    }

    public Task<UnitResult> CommitAsync(params ConversationEvent[] events) => CommitAsync(events.Select(e => new JournalRow(e)).ToArray());

    public async Task<UnitResult> CommitAsync(JournalRow[] rows)
    {
        if (rows.Length == 0)
        {
            return new UnitResult(UnitStatus.Appended, State.AppliedSeq, []);
        }

        var customerId = rows[0].Event is CustomerWrote wrote ? wrote.CustomerId : State.CustomerId;
        var unit = new JournalUnit(Tenant, ConversationId, customerId, State.AppliedSeq, rows, WaitingLists.ChangeFor(ConversationId, customerId, rows, State),
            ConversationIndex.ChangeFor(State, ConversationId, rows));
        var result = await Journal.AppendAsync(unit);
        if (result.Status == UnitStatus.Appended)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                State.Apply(ConversationId, unit.AfterSeq + 1 + i, rows[i].Event, RecentLimit);
            }
        }

        return result;
    }

    /// <summary>A state rebuilt from the journal alone (events read back through the codec), after an optional snapshot.</summary>
    public async Task<ConversationState> ReplayAsync(ConversationState? snapshot = null)
    {
        var state = snapshot is null ? new ConversationState() : Clone(snapshot);
        EventPage page;
        do
        {
            page = await Journal.ReadAsync(Tenant, ConversationId, state.AppliedSeq, 7);
            foreach (var stored in page.Events)
            {
                // Through the journal's codec, as a replay from the database reads them.
                state.Apply(ConversationId, stored.Seq, EventCodec.Deserialize(EventCodec.Serialize(stored.Event)), RecentLimit);
            }
        }
        while (page.HasMore);

        return state;
    }

    /// <summary>Every event of the journal, in order.</summary>
    public async Task<List<ConversationEvent>> ReplayEventsAsync()
    {
        var events = new List<ConversationEvent>();
        var page = await Journal.ReadAsync(Tenant, ConversationId, 0, 10_000);
        events.AddRange(page.Events.Select(e => e.Event));
        return events;
    }

    public static string Dump(ConversationState state) => JsonSerializer.Serialize(state, Json);

    public static ConversationState Clone(ConversationState state) => JsonSerializer.Deserialize<ConversationState>(Dump(state), Json)!;

    public InboundMessage Message(string externalId, string text, Channel channel = Channel.Sms, EmailHeaders? email = null, string sender = "+33600000001") =>
        new(Tenant, channel == Channel.Email ? "mail-gw" : "gw", channel, channel == Channel.Email ? "client@example.fr" : sender, externalId, Now, text,
            email, [], new Dictionary<string, string>(), Now, "hash-" + text);
}

/// <summary>The default escalation policy for every tenant, without grains.</summary>
internal sealed class FixedPolicies(Grid.Escalation.EscalationPolicy? policy = null) : Grid.Escalation.ITenantPolicies
{
    private readonly Grid.Escalation.TenantPolicy tenantPolicy = Grid.Escalation.TenantPolicy.Of(policy ?? Grid.Escalation.EscalationPolicy.Default);

    public Task<Grid.Escalation.TenantPolicy> GetAsync(string tenant, TimeSpan maxAge) => Task.FromResult(tenantPolicy);
}

/// <summary>No routing configuration for any tenant (no queues, no entry rules), without grains.</summary>
internal sealed class FixedRouting(Grid.Routing.RoutingConfig? config = null) : Grid.Routing.ITenantRouting
{
    public Task<Grid.Routing.RoutingConfig> GetAsync(string tenant, TimeSpan maxAge) => Task.FromResult(config ?? Grid.Routing.RoutingConfig.Empty);
}

/// <summary>A clock that reads the model's time.</summary>
internal sealed class FixedTime(Func<DateTimeOffset> now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now();
}
