using System.Text.Json.Nodes;
using Grid.Bot;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Tests.Grains;

/// <summary>The knowledge-base grain on the test cluster (real SQLite storage): versions, all-or-nothing writes, seeding, evaluation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KnowledgeBaseGrainTests(ClusterFixture fixture)
{
    private readonly string tenant = "kb" + Guid.NewGuid().ToString("N")[..10];

    private IKnowledgeBaseGrain KnowledgeBase => fixture.Grains.GetGrain<IKnowledgeBaseGrain>(tenant);

    internal static KnowledgeEntry Entry(string id, string question = "Quels sont vos horaires ?", string answer = "De 8h à 19h.", int answerLength = 0) => new(
        id,
        new List<string> { "test" },
        new Dictionary<string, IReadOnlyList<string>> { ["fr"] = new List<string> { question } },
        new Dictionary<string, string> { ["fr"] = answerLength > 0 ? new string('x', answerLength) : answer });

    private static string Document(IEnumerable<KnowledgeEntry> entries) => KnowledgeJson.Write(entries);

    [Fact]
    public async Task Every_change_increments_the_version_and_the_snapshot_follows()
    {
        Assert.Equal(0, await KnowledgeBase.GetVersionAsync());
        var empty = await KnowledgeBase.GetSnapshotAsync();
        Assert.Empty(empty.Entries);
        Assert.Equal(KnowledgeDefaults.Settings.Threshold, empty.Settings.Threshold);

        Assert.Equal(1, await KnowledgeBase.CreateAsync(Entry("hours")));
        Assert.Equal(2, await KnowledgeBase.UpdateAsync(Entry("hours", answer: "De 9h à 18h.")));
        Assert.Equal(3, await KnowledgeBase.SetSettingsAsync(new KnowledgeSettings(0.7, new List<IReadOnlyList<string>> { new List<string> { "horaires", "heures" } }, "en")));
        Assert.Equal(4, await KnowledgeBase.CreateAsync(Entry("contact")));
        Assert.Equal(5, await KnowledgeBase.DeleteAsync("contact"));

        var snapshot = await KnowledgeBase.GetSnapshotAsync();
        Assert.Equal(5, snapshot.Version);
        Assert.Equal("De 9h à 18h.", Assert.Single(snapshot.Entries).Answers["fr"]);
        Assert.Equal(0.7, snapshot.Settings.Threshold);
        Assert.Equal("en", snapshot.Settings.DefaultLanguage);
        Assert.Equal(5, await KnowledgeBase.GetVersionAsync());
    }

    [Fact]
    public async Task Refusals_change_nothing()
    {
        await KnowledgeBase.CreateAsync(Entry("hours"));

        var exists = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.CreateAsync(Entry("hours")));
        Assert.Equal(KnowledgeErrorCodes.AlreadyExists, exists.Code);
        var missing = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.UpdateAsync(Entry("nowhere")));
        Assert.Equal(KnowledgeErrorCodes.NotFound, missing.Code);
        Assert.Equal(KnowledgeErrorCodes.NotFound, (await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.DeleteAsync("nowhere"))).Code);
        var invalid = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.CreateAsync(Entry("Bad Id")));
        Assert.Equal(KnowledgeErrorCodes.Invalid, invalid.Code);
        Assert.Equal("id", invalid.Field);
        Assert.Equal(KnowledgeErrorCodes.Invalid, (await Assert.ThrowsAsync<KnowledgeRuleException>(() =>
            KnowledgeBase.SetSettingsAsync(new KnowledgeSettings(0, new List<IReadOnlyList<string>>(), "fr")))).Code);

        Assert.Equal(1, await KnowledgeBase.GetVersionAsync());
    }

    [Fact]
    public async Task An_import_with_one_bad_entry_applies_nothing()
    {
        await KnowledgeBase.ImportAsync(Document([Entry("a"), Entry("b")]), replaceAll: false);
        var entries = Enumerable.Range(0, 10).Select(i => Entry($"e{i}")).ToList();
        entries[7] = entries[7] with { Flow = new KnowledgeFlow(new List<FlowSlot> { new("ref", new Dictionary<string, string> { ["fr"] = "?" }, "(") }, null, "answer") };

        var refused = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.ImportAsync(Document(entries), replaceAll: true));

        Assert.Equal(KnowledgeErrorCodes.Invalid, refused.Code);
        Assert.Equal(7, refused.Index);
        Assert.Equal("[7].flow.slots[0].pattern", refused.Field);
        Assert.StartsWith("import refused, nothing was applied: entry at index 7 (id 'e7'): flow.slots[0].pattern does not compile", refused.Message);
        var snapshot = await KnowledgeBase.GetSnapshotAsync();
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(["a", "b"], snapshot.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Imports_upsert_or_replace_everything()
    {
        await KnowledgeBase.ImportAsync(Document([Entry("a"), Entry("b"), Entry("c")]), replaceAll: false);

        var upsert = await KnowledgeBase.ImportAsync(Document([Entry("b", answer: "new b"), Entry("d")]), replaceAll: false);
        Assert.Equal(new KnowledgeImportResult(1, 1, 0, 4, 2), upsert);
        Assert.Equal(["a", "b", "c", "d"], (await KnowledgeBase.GetSnapshotAsync()).Entries.Select(e => e.Id));
        Assert.Equal("new b", (await KnowledgeBase.GetAsync("b"))!.Answers["fr"]);

        var replace = await KnowledgeBase.ImportAsync(Document([Entry("d"), Entry("e")]), replaceAll: true);
        Assert.Equal(new KnowledgeImportResult(1, 1, 3, 2, 3), replace);
        Assert.Equal(["d", "e"], (await KnowledgeBase.GetSnapshotAsync()).Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task The_entry_count_and_the_export_size_are_bounded()
    {
        await KnowledgeBase.ImportAsync(Document(Enumerable.Range(0, KnowledgeLimits.MaxEntries).Select(i => Entry($"e{i:D4}"))), replaceAll: false);

        var full = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.CreateAsync(Entry("one-more")));
        Assert.Equal(KnowledgeErrorCodes.LimitReached, full.Code);
        Assert.Contains("holds 2000 entries, the limit", full.Message);
        var over = await Assert.ThrowsAsync<KnowledgeRuleException>(() => KnowledgeBase.ImportAsync(Document([Entry("one-more")]), replaceAll: false));
        Assert.Contains("would hold 2001 entries; the limit is 2000", over.Message);

        // Two imports of 2.4 MB each would make a knowledge base whose export could not be imported again.
        await KnowledgeBase.ImportAsync(Document(Enumerable.Range(0, 600).Select(i => Entry($"big{i}", answerLength: 4_000))), replaceAll: true);
        var tooBig = await Assert.ThrowsAsync<KnowledgeRuleException>(() =>
            KnowledgeBase.ImportAsync(Document(Enumerable.Range(0, 600).Select(i => Entry($"more{i}", answerLength: 4_000))), replaceAll: false));
        Assert.Equal(KnowledgeErrorCodes.LimitReached, tooBig.Code);
        Assert.Contains("the knowledge base's export would be", tooBig.Message);
        Assert.Equal(600, (await KnowledgeBase.ExportAsync()).Count);
        Assert.Equal(2, await KnowledgeBase.GetVersionAsync());
    }

    [Fact]
    public async Task Seeding_applies_only_to_a_knowledge_base_never_written()
    {
        Assert.True(await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), null));
        Assert.Equal(28, (await KnowledgeBase.GetSnapshotAsync()).Entries.Count);
        Assert.False(await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), null));

        // Emptied by its admin, it stays empty.
        await KnowledgeBase.ImportAsync("[]", replaceAll: true);
        Assert.False(await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), null));
        Assert.Empty((await KnowledgeBase.GetSnapshotAsync()).Entries);
    }

    [Fact]
    public async Task Seeding_sets_the_settings_given()
    {
        const string settings = """{"threshold": 0.55, "defaultLanguage": "en", "synonyms": [["facture", "bill"], ["carte bancaire", "card"]]}""";
        Assert.True(await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), settings));
        var snapshot = await KnowledgeBase.GetSnapshotAsync();
        Assert.Equal((0.55, "en", 2, 1L), (snapshot.Settings.Threshold, snapshot.Settings.DefaultLanguage, snapshot.Settings.Synonyms.Count, snapshot.Version));
        Assert.Equal(["carte bancaire", "card"], snapshot.Settings.Synonyms[1]);
    }

    [Fact]
    public async Task The_export_is_the_demo_document_and_imports_back()
    {
        await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), null);
        var export = await KnowledgeBase.ExportAsync();
        Assert.Equal(28, export.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DemoKnowledgeBase.Document()), JsonNode.Parse(export.Document)));

        var again = await KnowledgeBase.ImportAsync(export.Document, replaceAll: true);
        Assert.Equal(new KnowledgeImportResult(0, 28, 0, 28, 2), again);
        Assert.Equal(export.Document, (await KnowledgeBase.ExportAsync()).Document);
    }

    [Fact]
    public async Task Entries_are_listed_in_id_order_by_page_and_tag()
    {
        await KnowledgeBase.SeedAsync(DemoKnowledgeBase.Document(), null);
        var ids = new List<string>();
        string? after = null;
        KnowledgePage page;
        do
        {
            page = await KnowledgeBase.ListAsync(after, 10, null);
            ids.AddRange(page.Entries.Select(e => e.Id));
            after = page.NextAfterId;
            Assert.Equal(28, page.Total);
        }
        while (page.HasMore);

        Assert.Equal(28, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var billing = await KnowledgeBase.ListAsync(null, 100, "payment");
        Assert.Equal(["bank-details-change", "payment-deadline", "payment-methods", "payment-plan"], billing.Entries.Select(e => e.Id));
        Assert.False(billing.HasMore);
    }

    [Fact]
    public async Task Evaluation_follows_the_current_version_without_side_effects()
    {
        var evaluator = fixture.Grains.GetGrain<IBotEvaluatorGrain>(tenant);
        await KnowledgeBase.CreateAsync(Entry("hours", question: "quels sont vos horaires d'ouverture"));

        var first = await evaluator.EvaluateAsync("vos horaires d'ouverture", "fr");
        Assert.Equal(BotDecisionKind.Answer, first.Decision.Kind);
        Assert.Equal("hours", first.Decision.EntryId);
        Assert.Equal(1, first.Version);

        await KnowledgeBase.DeleteAsync("hours");
        await KnowledgeBase.CreateAsync(Entry("contact", question: "comment vous contacter"));
        var second = await evaluator.EvaluateAsync("vos horaires d'ouverture", null);
        Assert.Equal(BotDecisionKind.NoMatch, second.Decision.Kind);
        Assert.Equal(3, second.Version);
        Assert.Equal(3, await KnowledgeBase.GetVersionAsync());

        var badLanguage = await Assert.ThrowsAsync<KnowledgeRuleException>(() => evaluator.EvaluateAsync("hello", "xx"));
        Assert.Contains("language 'xx' is not a supported language", badLanguage.Message);
    }

    [Fact]
    public async Task A_silo_rebuilds_its_matcher_on_a_new_version_and_may_accept_a_recent_check()
    {
        var silo = Assert.IsType<Orleans.TestingHost.InProcessSiloHandle>(fixture.Cluster.Primary);
        var matchers = silo.SiloHost.Services.GetRequiredService<BotMatchers>();
        await KnowledgeBase.CreateAsync(Entry("hours"));
        var (first, version) = await matchers.GetAsync(tenant);
        Assert.Equal(1, version);
        Assert.Same(first, (await matchers.GetAsync(tenant)).Matcher);

        await KnowledgeBase.CreateAsync(Entry("contact"));
        Assert.Same(first, (await matchers.GetAsync(tenant, maxAge: TimeSpan.FromMinutes(5))).Matcher);
        var (rebuilt, newVersion) = await matchers.GetAsync(tenant);
        Assert.NotSame(first, rebuilt);
        Assert.Equal(2, newVersion);
    }

    [Fact]
    public async Task A_message_waits_for_its_tenants_first_build_at_most_the_bound_and_the_build_carries_on_for_the_next()
    {
        await KnowledgeBase.CreateAsync(Entry("hours", question: "quels sont vos horaires d'ouverture"));
        using var release = new ManualResetEventSlim();
        var slow = new HeldFactory(release);
        await using var services = new ServiceCollection().AddSingleton<IKnowledgeMatcherFactory>(slow).BuildServiceProvider();
        var matchers = new BotMatchers(fixture.Grains, services, TimeProvider.System);

        Assert.Null(await matchers.GetForMessageAsync(tenant, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300)));
        Assert.Null(await matchers.GetForMessageAsync(tenant, TimeSpan.FromSeconds(1), TimeSpan.Zero));

        release.Set();
        var ready = await matchers.GetForMessageAsync(tenant, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        Assert.NotNull(ready);
        Assert.Equal(1, ready.Value.Snapshot.Version);
        Assert.Equal(("hours", 1), (ready.Value.Matcher.Decide("vos horaires d'ouverture", "fr").EntryId, slow.Builds));
        // Built once: the messages that gave up did not start builds of their own. Once built, no bound applies.
        Assert.NotNull(await matchers.GetForMessageAsync(tenant, TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal(1, slow.Builds);
    }

    [Fact]
    public async Task The_bot_analyzer_marks_a_message_that_came_before_the_first_build_and_decides_the_next()
    {
        await KnowledgeBase.CreateAsync(Entry("hours", question: "quels sont vos horaires d'ouverture"));
        using var release = new ManualResetEventSlim();
        await using var services = new ServiceCollection().AddSingleton<IKnowledgeMatcherFactory>(new HeldFactory(release)).BuildServiceProvider();
        var runtime = new Grid.Hosting.GridRuntimeOptions();
        runtime.Bot.FirstBuildWait = TimeSpan.FromMilliseconds(200);
        var analyzer = new BotAnalyzer(new BotMatchers(fixture.Grains, services, TimeProvider.System), Microsoft.Extensions.Options.Options.Create(runtime),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BotAnalyzer>.Instance);
        var request = new Grid.Pipeline.AnalysisRequest(tenant, "vos horaires d'ouverture ?", Channel.Sms, "fr");

        var early = new Grid.Pipeline.MessageAnalysisBuilder("fr");
        await analyzer.AnalyzeAsync(request, early, CancellationToken.None);
        Assert.Equal(0.2, Assert.IsType<BotNotReady>(Assert.Single(early.Build().Findings)).WaitedSeconds, 3);

        release.Set();
        runtime.Bot.FirstBuildWait = TimeSpan.FromSeconds(20);
        var later = new Grid.Pipeline.MessageAnalysisBuilder("fr");
        await analyzer.AnalyzeAsync(request, later, CancellationToken.None);
        Assert.Equal("hours", Assert.IsType<BotFinding>(Assert.Single(later.Build().Findings)).Decision.EntryId);
    }

    /// <summary>The real matcher, built only once the test lets it: a build that takes longer than a message may wait.</summary>
    private sealed class HeldFactory(ManualResetEventSlim release) : IKnowledgeMatcherFactory
    {
        private readonly KnowledgeMatcherFactory real = new(new Grid.Pipeline.StopWordLanguageDetector());
        private int builds;

        public int Builds => Volatile.Read(ref builds);

        public IBotMatcher Create(KnowledgeSnapshot snapshot)
        {
            Interlocked.Increment(ref builds);
            release.Wait(TimeSpan.FromMinutes(1));
            return real.Create(snapshot);
        }
    }
}
