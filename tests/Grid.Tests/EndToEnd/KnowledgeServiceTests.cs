using System.Text.Json.Nodes;
using Grid.Bot;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.EndToEnd;

using FlowSlot = Grid.Protos.V1.FlowSlot;
using KnowledgeEntry = Grid.Protos.V1.KnowledgeEntry;
using KnowledgeFlow = Grid.Protos.V1.KnowledgeFlow;
using KnowledgeSettings = Grid.Protos.V1.KnowledgeSettings;

/// <summary>
/// KnowledgeService with a real gRPC client against the embedded host: each test administers its own tenant's
/// knowledge base with an admin key (see <see cref="TestKeys.KnowledgeTenants"/>).
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class KnowledgeServiceTests(EmbeddedGridFixture fixture)
{
    private EmbeddedGrid Grid => fixture.Grid;

    private static KnowledgeEntry Entry(string id, string question = "Quels sont vos horaires ?", string answer = "De 8h à 19h.")
    {
        var entry = new KnowledgeEntry { Id = id, Tags = { "contact" } };
        entry.Questions["fr"] = new Phrasings { Texts = { question } };
        entry.Answers["fr"] = answer;
        return entry;
    }

    private static async Task<RpcException> RefusedAsync<T>(AsyncUnaryCall<T> call) =>
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    [Fact]
    public async Task Entries_are_created_read_updated_listed_and_deleted()
    {
        await using var admin = Grid.IntegratorOf("kb-crud");
        var k = admin.Knowledge;
        var h = admin.Headers;

        var hours = Entry("opening-hours");
        hours.Flow = new KnowledgeFlow { End = FlowEnd.Escalate, Queue = "front-desk" };
        hours.Flow.Slots.Add(new FlowSlot { Name = "site", Pattern = "^[A-Z]{3}$", Normalize = SlotNormalization.Upper, Prompt = { ["fr"] = "Quel site ?" } });
        hours.Flow.Confirm["fr"] = "Je transmets pour le site {site}.";
        var created = await k.CreateEntryAsync(new CreateEntryRequest { Entry = hours }, h);
        Assert.Equal(hours, created.Entry);
        Assert.Equal(1, created.Version);
        Assert.Equal(hours, await k.GetEntryAsync(new GetEntryRequest { Id = "opening-hours" }, h));

        Assert.Equal(2, (await k.CreateEntryAsync(new CreateEntryRequest { Entry = Entry("contact") }, h)).Version);
        var exists = await RefusedAsync(k.CreateEntryAsync(new CreateEntryRequest { Entry = Entry("contact") }, h));
        Assert.Equal(StatusCode.AlreadyExists, exists.StatusCode);
        Assert.Contains("entry 'contact' exists already: use UpdateEntry", exists.Status.Detail);

        var changed = Entry("contact", answer: "Au 0 800 123 456.");
        Assert.Equal(3, (await k.UpdateEntryAsync(new UpdateEntryRequest { Entry = changed }, h)).Version);
        Assert.Equal("Au 0 800 123 456.", (await k.GetEntryAsync(new GetEntryRequest { Id = "contact" }, h)).Answers["fr"]);
        Assert.Equal(StatusCode.NotFound, (await RefusedAsync(k.UpdateEntryAsync(new UpdateEntryRequest { Entry = Entry("nowhere") }, h))).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            await k.CreateEntryAsync(new CreateEntryRequest { Entry = Entry($"faq-{i}") }, h);
        }

        var first = await k.ListEntriesAsync(new ListEntriesRequest { Limit = 4 }, h);
        Assert.Equal(["contact", "faq-0", "faq-1", "faq-2"], first.Entries.Select(e => e.Id));
        Assert.True(first.HasMore);
        Assert.Equal(7, first.Total);
        var rest = await k.ListEntriesAsync(new ListEntriesRequest { AfterId = first.NextAfterId, Limit = 4 }, h);
        Assert.Equal(["faq-3", "faq-4", "opening-hours"], rest.Entries.Select(e => e.Id));
        Assert.False(rest.HasMore);
        Assert.Equal(8, rest.Version);

        Assert.Equal(9, (await k.DeleteEntryAsync(new DeleteEntryRequest { Id = "faq-0" }, h)).Version);
        var gone = await RefusedAsync(k.GetEntryAsync(new GetEntryRequest { Id = "faq-0" }, h));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Contains("entry 'faq-0' not found", gone.Status.Detail);
        Assert.Equal(StatusCode.NotFound, (await RefusedAsync(k.DeleteEntryAsync(new DeleteEntryRequest { Id = "faq-0" }, h))).StatusCode);
    }

    [Fact]
    public async Task The_demo_knowledge_base_imports_and_lists_by_tag()
    {
        await using var admin = Grid.IntegratorOf("kb-import");
        var imported = await admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = DemoKnowledgeBase.Document() }, admin.Headers);
        Assert.Equal(28, imported.Created);
        Assert.Equal(28, imported.Total);

        var invoice = await admin.Knowledge.GetEntryAsync(new GetEntryRequest { Id = "invoice-copy" }, admin.Headers);
        Assert.Equal(@"^INV-\d{4}-\d{5}$", invoice.Flow.Slots[0].Pattern);
        Assert.Equal(SlotNormalization.Upper, invoice.Flow.Slots[0].Normalize);
        Assert.Equal(FlowEnd.Answer, invoice.Flow.End);
        var shipped = JsonNode.Parse(DemoKnowledgeBase.Document())!.AsArray().Single(e => (string?)e!["id"] == "invoice-copy")!;
        Assert.Equal(shipped["questions"]!["en"]!.AsArray().Count, invoice.Questions["en"].Texts.Count);
        var breakdown = await admin.Knowledge.GetEntryAsync(new GetEntryRequest { Id = "report-breakdown" }, admin.Headers);
        Assert.Equal((FlowEnd.Escalate, "technical"), (breakdown.Flow.End, breakdown.Flow.Queue));

        var technical = await admin.Knowledge.ListEntriesAsync(new ListEntriesRequest { Tag = "technical" }, admin.Headers);
        Assert.Equal(["emergency-out-of-hours", "report-breakdown", "technician-appointment"], technical.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task An_import_with_one_bad_entry_is_refused_naming_its_index_and_applies_nothing()
    {
        await using var admin = Grid.IntegratorOf("kb-refused");
        await admin.Knowledge.CreateEntryAsync(new CreateEntryRequest { Entry = Entry("kept") }, admin.Headers);
        var before = await admin.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), admin.Headers);

        var document = JsonNode.Parse(DemoKnowledgeBase.Document())!.AsArray();
        document[7]!["flow"] = JsonNode.Parse("""{"slots": [{"name": "iban", "prompt": {"fr": "Votre IBAN ?"}, "pattern": "^FR\\d{2}(\\d{4}$"}], "end": "answer"}""");
        var refused = await RefusedAsync(admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = document.ToJsonString(), ReplaceAll = true }, admin.Headers));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("import refused, nothing was applied: entry at index 7 (id 'bank-details-change'): flow.slots[0].pattern does not compile", refused.Status.Detail);
        var after = await admin.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), admin.Headers);
        Assert.Equal(before, after);
        Assert.Equal(1, after.Version);
        Assert.Equal(1, after.Count);
    }

    public static TheoryData<string, Action<KnowledgeEntry>, string> InvalidEntries() => new()
    {
        { "101 phrasings", e => e.Questions["fr"].Texts.AddRange(Enumerable.Range(0, 100).Select(i => $"question {i}")), "questions.fr has 101 phrasings; the limit is 100" },
        { "a long phrasing", e => e.Questions["fr"].Texts.Add(new string('x', 501)), "questions.fr[1] is 501 characters; the limit is 500" },
        { "a long answer", e => e.Answers["fr"] = new string('x', 4001), "answers.fr is 4001 characters; the limit is 4000" },
        { "an unknown language", e => e.Answers["ja"] = "はい", "answers has language 'ja', which is not supported: the languages are fr, en, de, es, it, nl, pt" },
        { "21 tags", e => e.Tags.AddRange(Enumerable.Range(0, 20).Select(i => $"tag-{i}")), "tags has 21 tags; the limit is 20" },
        { "an id that is not a slug", e => e.Id = "Opening Hours", "id 'Opening Hours' is not a lowercase slug" },
        { "an id of 65 characters", e => e.Id = new string('a', 65), "at most 64 characters" },
        { "a flow without end", e => e.Flow = new KnowledgeFlow(), "entry.flow.end is required: FLOW_END_ANSWER, FLOW_END_ESCALATE or FLOW_END_TASK" },
        { "an escalation without queue", e => e.Flow = new KnowledgeFlow { End = FlowEnd.Escalate }, "flow.queue is required when flow.end is escalate" },
        { "11 slots", e => e.Flow = Slots(11), "flow.slots has 11 slots; the limit is 10" },
        { "a pattern that does not compile", e => e.Flow = Slots(1, pattern: "[0-9"), "flow.slots[0].pattern does not compile as a regular expression" },
        { "a control character", e => e.Answers["fr"] = "De 8h\u0000 à 19h", "answers.fr contains a control character (U+0000) at position 5" },
    };

    private static KnowledgeFlow Slots(int count, string pattern = "")
    {
        var flow = new KnowledgeFlow { End = FlowEnd.Task };
        flow.Slots.AddRange(Enumerable.Range(0, count).Select(i => new FlowSlot { Name = $"slot_{i}", Pattern = pattern, Prompt = { ["en"] = "Which one?" } }));
        return flow;
    }

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task An_entry_beyond_the_limits_is_refused_naming_the_field(string why, Action<KnowledgeEntry> change, string expected)
    {
        await using var admin = Grid.IntegratorOf("kb-limits");
        var entry = Entry("limits-" + Guid.NewGuid().ToString("N")[..8]);
        change(entry);

        var refused = await RefusedAsync(admin.Knowledge.CreateEntryAsync(new CreateEntryRequest { Entry = entry }, admin.Headers));

        Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{why}: {refused.Status}");
        Assert.Contains(expected, refused.Status.Detail);
        Assert.Equal(0, (await admin.Knowledge.ListEntriesAsync(new ListEntriesRequest(), admin.Headers)).Total);
    }

    [Fact]
    public async Task Documents_beyond_the_limits_are_refused()
    {
        await using var admin = Grid.IntegratorOf("kb-limits");
        var oversize = "[\"" + new string('x', KnowledgeLimits.MaxDocumentBytes) + "\"]";
        var tooLarge = await RefusedAsync(admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = oversize }, admin.Headers));
        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Contains("the limit is 4000000 (4 MB)", tooLarge.Status.Detail);

        var tooMany = "[" + string.Join(",", Enumerable.Repeat("{}", KnowledgeLimits.MaxEntries + 1)) + "]";
        var refused = await RefusedAsync(admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = tooMany }, admin.Headers));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("the document has 2001 entries; a knowledge base holds at most 2000", refused.Status.Detail);

        var notJson = await RefusedAsync(admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = "{\"entries\": []}" }, admin.Headers));
        Assert.Equal(StatusCode.InvalidArgument, notJson.StatusCode);
        Assert.Contains("the document must be a JSON array of entries; it is an object", notJson.Status.Detail);
    }

    [Fact]
    public async Task Settings_have_defaults_and_are_replaced_as_a_whole()
    {
        await using var admin = Grid.IntegratorOf("kb-settings");
        var defaults = await admin.Knowledge.GetSettingsAsync(new GetSettingsRequest(), admin.Headers);
        Assert.Equal((0.5, "fr", 0, 0L), (defaults.Settings.Threshold, defaults.Settings.DefaultLanguage, defaults.Settings.Synonyms.Count, defaults.Version));

        var settings = new KnowledgeSettings { Threshold = 0.72, DefaultLanguage = "en" };
        settings.Synonyms.Add(new SynonymGroup { Words = { "facture", "note", "bill" } });
        var set = await admin.Knowledge.SetSettingsAsync(new SetSettingsRequest { Settings = settings }, admin.Headers);
        Assert.Equal(1, set.Version);
        var read = await admin.Knowledge.GetSettingsAsync(new GetSettingsRequest(), admin.Headers);
        Assert.Equal(settings, read.Settings);

        var zero = await RefusedAsync(admin.Knowledge.SetSettingsAsync(new SetSettingsRequest { Settings = new KnowledgeSettings { DefaultLanguage = "fr" } }, admin.Headers));
        Assert.Equal(StatusCode.InvalidArgument, zero.StatusCode);
        Assert.Contains("threshold must be greater than 0 and at most 1 (it is 0)", zero.Status.Detail);
        var lonely = new KnowledgeSettings { Threshold = 0.5, DefaultLanguage = "fr", Synonyms = { new SynonymGroup { Words = { "facture" } } } };
        Assert.Contains("synonyms[0] has 1 word(s)", (await RefusedAsync(admin.Knowledge.SetSettingsAsync(new SetSettingsRequest { Settings = lonely }, admin.Headers))).Status.Detail);
        var language = new KnowledgeSettings { Threshold = 0.5, DefaultLanguage = "jp" };
        Assert.Contains("default_language 'jp' is not a supported language", (await RefusedAsync(admin.Knowledge.SetSettingsAsync(new SetSettingsRequest { Settings = language }, admin.Headers))).Status.Detail);
        Assert.Contains("settings is required", (await RefusedAsync(admin.Knowledge.SetSettingsAsync(new SetSettingsRequest(), admin.Headers))).Status.Detail);
        Assert.Equal(settings, (await admin.Knowledge.GetSettingsAsync(new GetSettingsRequest(), admin.Headers)).Settings);
    }

    [Fact]
    public async Task An_export_imports_back_to_the_same_knowledge_base()
    {
        await using var admin = Grid.IntegratorOf("kb-export");
        await admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = DemoKnowledgeBase.Document() }, admin.Headers);
        await admin.Knowledge.CreateEntryAsync(new CreateEntryRequest { Entry = Entry("extra", question: "« Guillemets » et accents : éàü ?") }, admin.Headers);

        var export = await admin.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), admin.Headers);
        Assert.Equal(29, export.Count);
        Assert.Contains("« Guillemets » et accents : éàü ?", export.Document);

        var reimported = await admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = export.Document, ReplaceAll = true }, admin.Headers);
        Assert.Equal((0, 29, 0, 29), (reimported.Created, reimported.Updated, reimported.Deleted, reimported.Total));
        var again = await admin.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), admin.Headers);
        Assert.Equal(export.Document, again.Document);
        Assert.Equal(export.Version + 1, again.Version);

        var demo = JsonNode.Parse(DemoKnowledgeBase.Document())!.AsArray();
        var exported = JsonNode.Parse(export.Document)!.AsArray();
        Assert.True(JsonNode.DeepEquals(demo, new JsonArray([.. exported.Take(28).Select(e => e!.DeepClone())])));
    }

    /// <summary>
    /// Evaluate answers with the matcher's decision on the demo entries (and a request for a person); nothing changes.
    /// </summary>
    [Fact]
    public async Task Evaluate_decides_without_side_effects()
    {
        await using var admin = Grid.IntegratorOf("kb-eval");
        var imported = await admin.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = DemoKnowledgeBase.Document() }, admin.Headers);

        var decision = await admin.Knowledge.EvaluateAsync(new EvaluateRequest { Text = "Quels sont vos horaires d'ouverture ?", Language = "fr" }, admin.Headers);
        Assert.Equal((Protos.V1.BotDecisionKind.Answer, "opening-hours", imported.Version), (decision.Kind, decision.EntryId, decision.Version));
        Assert.Equal("opening-hours", decision.Candidates[0].EntryId);
        var human = await admin.Knowledge.EvaluateAsync(new EvaluateRequest { Text = "je veux parler a un conseiller svp" }, admin.Headers);
        Assert.Equal(Protos.V1.BotDecisionKind.Human, human.Kind);

        Assert.Equal(imported.Version, (await admin.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), admin.Headers)).Version);
        var empty = await RefusedAsync(admin.Knowledge.EvaluateAsync(new EvaluateRequest { Text = " " }, admin.Headers));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("text is required", empty.Status.Detail);
        var language = await RefusedAsync(admin.Knowledge.EvaluateAsync(new EvaluateRequest { Text = "hello", Language = "xx" }, admin.Headers));
        Assert.Equal(StatusCode.InvalidArgument, language.StatusCode);
        Assert.Contains("language 'xx' is not a supported language", language.Status.Detail);
    }

    [Fact]
    public async Task A_key_without_the_admin_scope_is_denied_naming_it()
    {
        await using var noScopes = Grid.Integrator();
        var denied = await RefusedAsync(noScopes.Knowledge.ListEntriesAsync(new ListEntriesRequest(), noScopes.Headers));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.StartsWith("this key lacks the 'admin' scope that grid.v1.KnowledgeService needs", denied.Status.Detail);
        Assert.Contains($"Grid:Integrators:{Grid.Keys.Integrator}:Scopes", denied.Status.Detail);

        await using var ingestOnly = Grid.Integrator(Grid.Keys.IngestOnlyApiKey);
        Assert.Contains("'admin' scope", (await RefusedAsync(ingestOnly.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), ingestOnly.Headers))).Status.Detail);
        var noRead = await RefusedAsync(ingestOnly.Read.GetConversationAsync(new GetConversationRequest { ConversationId = "cnv_x" }, ingestOnly.Headers));
        Assert.Equal(StatusCode.PermissionDenied, noRead.StatusCode);
        Assert.StartsWith("this key lacks the 'read' scope that grid.v1.ReadService needs", noRead.Status.Detail);
        var posted = await ingestOnly.PostSmsAsync(MessagePathTests.UniquePhone(), "scoped-" + Guid.NewGuid().ToString("N"), "Bonjour");
        Assert.False(string.IsNullOrEmpty(posted.ConversationId));

        // An admin key of another tenant is not an ingest key.
        await using var adminOnly = Grid.IntegratorOf("kb-eval");
        var noIngest = await Assert.ThrowsAsync<RpcException>(() => adminOnly.PostSmsAsync(MessagePathTests.UniquePhone(), "admin-post", "Bonjour"));
        Assert.Equal(StatusCode.PermissionDenied, noIngest.StatusCode);
        Assert.Contains("'ingest' scope", noIngest.Status.Detail);
    }

    [Fact]
    public async Task A_key_without_scopes_still_ingests_reads_and_receives()
    {
        await using var integrator = Grid.Integrator();
        var posted = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "noscope-" + Guid.NewGuid().ToString("N"), "Bonjour, ma facture");
        Assert.Equal(posted.ConversationId, (await integrator.GetConversationAsync(posted.ConversationId)).ConversationId);
        Assert.Equal(0, (await integrator.AckAsync("cnv_none:1")).Acknowledged);
    }

    [Fact]
    public async Task The_demo_tenant_is_seeded_and_its_key_administers_it()
    {
        await using var demo = Grid.Integrator(Grid.DemoApiKey());
        var page = await demo.Knowledge.ListEntriesAsync(new ListEntriesRequest { Limit = 500 }, demo.Headers);
        Assert.Equal(28, page.Total);
        Assert.Contains(page.Entries, e => e.Id == "invoice-copy");
        var export = await demo.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), demo.Headers);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DemoKnowledgeBase.Document()), JsonNode.Parse(export.Document)));
    }
}
