using System.Text.Json.Nodes;
using Grid.Bot;

namespace Grid.Tests.Knowledge;

/// <summary>Each rule of knowledge-base content, and the field and entry index its refusal names.</summary>
public sealed class KnowledgeValidatorTests
{
    private static KnowledgeEntry Valid() => new(
        "invoice-copy",
        new List<string> { "billing", "documents" },
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["fr"] = new List<string> { "Comment obtenir une copie de ma facture ?", "Où trouver mes factures ?" },
            ["en"] = new List<string> { "How can I get a copy of my invoice?" },
        },
        new Dictionary<string, string> { ["fr"] = "Dans votre espace client.", ["en"] = "In your customer space." },
        Flow());

    private static KnowledgeFlow Flow(string end = "answer", string? queue = null, params FlowSlot[] slots) => new(
        slots.Length > 0 ? slots : new List<FlowSlot> { Slot() },
        new Dictionary<string, string> { ["fr"] = "C'est noté : la facture {invoice} vous est envoyée." },
        end,
        queue);

    private static FlowSlot Slot(string name = "invoice", string? pattern = @"^INV-\d{4}-\d{5}$", string? normalize = "upper") => new(
        name,
        new Dictionary<string, string> { ["fr"] = "Quel est le numéro de la facture ?" },
        pattern,
        normalize,
        new Dictionary<string, string> { ["fr"] = "Ce numéro ne semble pas valide." });

    private static Dictionary<string, IReadOnlyList<string>> Questions(string language, IReadOnlyList<string> phrasings) => new() { [language] = phrasings };

    private static Dictionary<string, string> Answers(string language, string answer) => new() { [language] = answer };

    [Fact]
    public void A_complete_entry_passes() => Assert.Null(KnowledgeValidator.Entry(Valid()));

    [Fact]
    public void An_entry_without_flow_or_tags_passes() => Assert.Null(KnowledgeValidator.Entry(Valid() with { Tags = new List<string>(), Flow = null }));

    [Fact]
    public void The_demo_knowledge_base_passes()
    {
        Assert.Null(KnowledgeValidator.Document(DemoKnowledgeBase.Document(), out var entries));
        Assert.Equal(28, entries.Count);
        Assert.Contains(entries, e => e.Id == "report-breakdown" && e.Flow is { End: "escalate", Queue: "technical" });
    }

    public static TheoryData<string, KnowledgeEntry, string, string> BrokenEntries()
    {
        var valid = Valid();
        var fr = valid.Questions["fr"];
        return new TheoryData<string, KnowledgeEntry, string, string>
        {
            { "no id", valid with { Id = "" }, "id", "id is required" },
            { "id not a slug", valid with { Id = "Invoice Copy" }, "id", "id 'Invoice Copy' is not a lowercase slug" },
            { "id too long", valid with { Id = new string('a', 65) }, "id", "at most 64 characters" },
            { "id with a newline", valid with { Id = "invoice\n" }, "id", "is not a lowercase slug" },
            { "21 tags", valid with { Tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToList() }, "tags", "tags has 21 tags; the limit is 20" },
            { "tag not a slug", valid with { Tags = new List<string> { "Billing" } }, "tags[0]", "tags[0] 'Billing' is not a lowercase slug" },
            { "tag twice", valid with { Tags = new List<string> { "billing", "billing" } }, "tags[1]", "tags[1] 'billing' is given twice" },
            { "no questions", valid with { Questions = new Dictionary<string, IReadOnlyList<string>>() }, "questions", "questions is required" },
            { "unknown question language", valid with { Questions = Questions("xx", fr) }, "questions.xx", "questions has language 'xx', which is not supported: the languages are fr, en, de, es, it, nl, pt" },
            { "language in capitals", valid with { Questions = Questions("FR", fr) }, "questions.FR", "language 'FR'" },
            { "no phrasings", valid with { Questions = Questions("fr", new List<string>()) }, "questions.fr", "questions.fr is empty" },
            { "101 phrasings", valid with { Questions = Questions("fr", Enumerable.Range(0, 101).Select(i => $"q{i}").ToList()) }, "questions.fr", "questions.fr has 101 phrasings; the limit is 100" },
            { "blank phrasing", valid with { Questions = Questions("fr", new List<string> { "  " }) }, "questions.fr[0]", "questions.fr[0] is empty" },
            { "long phrasing", valid with { Questions = Questions("en", new List<string> { "ok", new string('x', 501) }) }, "questions.en[1]", "questions.en[1] is 501 characters; the limit is 500" },
            { "control character", valid with { Questions = Questions("fr", new List<string> { "ma\u0007facture" }) }, "questions.fr[0]", "questions.fr[0] contains a control character (U+0007) at position 2" },
            { "lone surrogate", valid with { Questions = Questions("fr", new List<string> { "a\uD800b" }) }, "questions.fr[0]", "lone surrogate" },
            { "no answers", valid with { Answers = new Dictionary<string, string>() }, "answers", "answers is required" },
            { "unknown answer language", valid with { Answers = Answers("tlh", "Qapla'") }, "answers.tlh", "answers has language 'tlh'" },
            { "long answer", valid with { Answers = Answers("fr", new string('x', 4001)) }, "answers.fr", "answers.fr is 4001 characters; the limit is 4000" },
            { "empty answer", valid with { Answers = Answers("fr", "") }, "answers.fr", "answers.fr is empty" },
            { "11 slots", valid with { Flow = Flow(slots: Enumerable.Range(0, 11).Select(i => Slot($"s{i}")).ToArray()) }, "flow.slots", "flow.slots has 11 slots; the limit is 10" },
            { "slot name not an identifier", valid with { Flow = Flow(slots: Slot("Invoice")) }, "flow.slots[0].name", "flow.slots[0].name 'Invoice' is not a lowercase identifier" },
            { "slot name twice", valid with { Flow = Flow(slots: [Slot("invoice"), Slot("invoice")]) }, "flow.slots[1].name", "flow.slots[1].name 'invoice' is the name of flow.slots[0] too" },
            { "slot without prompt", valid with { Flow = Flow(slots: Slot() with { Prompt = new Dictionary<string, string>() }) }, "flow.slots[0].prompt", "flow.slots[0].prompt is required" },
            { "long prompt", valid with { Flow = Flow(slots: Slot() with { Prompt = Answers("fr", new string('x', 1001)) }) }, "flow.slots[0].prompt.fr", "is 1001 characters; the limit is 1000" },
            { "pattern that does not compile", valid with { Flow = Flow(slots: Slot(pattern: "^INV-(\\d{4}$")) }, "flow.slots[0].pattern", "flow.slots[0].pattern does not compile as a regular expression" },
            { "long pattern", valid with { Flow = Flow(slots: Slot(pattern: new string('a', 501))) }, "flow.slots[0].pattern", "flow.slots[0].pattern is 501 characters; the limit is 500" },
            { "unknown normalization", valid with { Flow = Flow(slots: Slot(normalize: "title")) }, "flow.slots[0].normalize", "flow.slots[0].normalize must be upper or lower, or be left out (it is 'title')" },
            { "invalid message in an unknown language", valid with { Flow = Flow(slots: Slot() with { Invalid = Answers("xx", "non") }) }, "flow.slots[0].invalid.xx", "flow.slots[0].invalid has language 'xx'" },
            { "confirm quoting no slot", valid with { Flow = Flow() with { Confirm = Answers("fr", "La facture {numero} part.") } }, "flow.confirm.fr", "flow.confirm.fr quotes {numero}, which is not a slot of the flow (its slots: invoice)" },
            { "long confirm", valid with { Flow = Flow() with { Confirm = Answers("en", new string('x', 4001)) } }, "flow.confirm.en", "flow.confirm.en is 4001 characters; the limit is 4000" },
            { "no end", valid with { Flow = Flow(end: "") }, "flow.end", "flow.end is required: answer, escalate or task" },
            { "unknown end", valid with { Flow = Flow(end: "close") }, "flow.end", "flow.end must be answer, escalate or task (it is 'close')" },
            { "escalation without queue", valid with { Flow = Flow(end: "escalate") }, "flow.queue", "flow.queue is required when flow.end is escalate" },
            { "queue not a slug", valid with { Flow = Flow(end: "escalate", queue: "Tech Team") }, "flow.queue", "flow.queue 'Tech Team' is not a queue name" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenEntries))]
    public void A_broken_entry_is_refused_naming_the_field(string why, KnowledgeEntry entry, string field, string expected)
    {
        var problem = KnowledgeValidator.Entry(entry);
        Assert.True(problem is not null, $"{why}: no problem found");
        Assert.Equal(KnowledgeErrorCodes.Invalid, problem.Code);
        Assert.Equal(field, problem.Field);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Every_slot_end_is_accepted()
    {
        Assert.Null(KnowledgeValidator.Entry(Valid() with { Flow = Flow(end: "escalate", queue: "technical") }));
        Assert.Null(KnowledgeValidator.Entry(Valid() with { Flow = Flow(end: "task") }));
        Assert.Null(KnowledgeValidator.Entry(Valid() with { Flow = new KnowledgeFlow(new List<FlowSlot>(), null, "escalate", "billing") }));
        Assert.Null(KnowledgeValidator.Entry(Valid() with { Flow = Flow(slots: Slot(pattern: null, normalize: null) with { Invalid = null }) }));
    }

    private static KnowledgeSettings Settings(double threshold = 0.6, IReadOnlyList<IReadOnlyList<string>>? synonyms = null, string language = "fr") =>
        new(threshold, synonyms ?? new List<IReadOnlyList<string>> { new List<string> { "facture", "note", "bill" } }, language);

    private static List<IReadOnlyList<string>> Groups(int count, int words) =>
        Enumerable.Range(0, count).Select(g => (IReadOnlyList<string>)Enumerable.Range(0, words).Select(w => $"w{g}-{w}").ToList()).ToList();

    [Fact]
    public void Complete_settings_pass()
    {
        Assert.Null(KnowledgeValidator.Settings(Settings()));
        Assert.Null(KnowledgeValidator.Settings(Settings(threshold: 1, synonyms: Groups(200, 20), language: "pt")));
        Assert.Null(KnowledgeValidator.Settings(Settings(synonyms: new List<IReadOnlyList<string>>())));
    }

    public static TheoryData<string, KnowledgeSettings, string, string> BrokenSettings() => new()
    {
        { "threshold 0", Settings(threshold: 0), "threshold", "threshold must be greater than 0 and at most 1 (it is 0)" },
        { "threshold above 1", Settings(threshold: 1.5), "threshold", "(it is 1.5)" },
        { "threshold not a number", Settings(threshold: double.NaN), "threshold", "threshold must be greater than 0" },
        { "201 groups", Settings(synonyms: Groups(201, 2)), "synonyms", "synonyms has 201 groups; the limit is 200" },
        { "a group of one word", Settings(synonyms: Groups(1, 1)), "synonyms[0]", "synonyms[0] has 1 word(s): a group is 2 to 20 words" },
        { "a group of 21 words", Settings(synonyms: Groups(3, 21)), "synonyms[0]", "synonyms[0] has 21 words; the limit is 20" },
        { "an empty word", Settings(synonyms: new List<IReadOnlyList<string>> { new List<string> { "facture", "" } }), "synonyms[0][1]", "synonyms[0][1] is empty" },
        { "a long word", Settings(synonyms: new List<IReadOnlyList<string>> { new List<string> { "facture", new string('x', 101) } }), "synonyms[0][1]", "is 101 characters; the limit is 100" },
        { "unknown language", Settings(language: "xx"), "default_language", "default_language 'xx' is not a supported language: one of fr, en, de, es, it, nl, pt" },
        { "no language", Settings(language: ""), "default_language", "default_language is required" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void Broken_settings_are_refused_naming_the_field(string why, KnowledgeSettings settings, string field, string expected)
    {
        var problem = KnowledgeValidator.Settings(settings);
        Assert.True(problem is not null, $"{why}: no problem found");
        Assert.Equal(field, problem.Field);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Settings_read_from_their_json_form()
    {
        Assert.Null(KnowledgeValidator.SettingsDocument("""{"threshold": 0.5, "defaultLanguage": "fr", "synonyms": [["facture", "note", "bill"]]}""", out var settings));
        Assert.Equal((0.5, "fr"), (settings!.Threshold, settings.DefaultLanguage));
        Assert.Equal(["facture", "note", "bill"], settings.Synonyms[0]);

        // The settings the bot was tuned with, when this build ships them, are valid.
        if (DemoKnowledgeBase.SettingsDocument() is { } demo)
        {
            Assert.Null(KnowledgeValidator.SettingsDocument(demo, out _));
        }
    }

    [Theory]
    [InlineData("""{"threshold": 0.5, "defaultLanguage": "fr", "synonym": []}""", "settings has an unknown property 'synonym'")]
    [InlineData("""{"threshold": "high", "defaultLanguage": "fr"}""", "threshold must be a number; it is a string")]
    [InlineData("""{"threshold": 0.5, "defaultLanguage": "fr", "synonyms": [["facture", 3]]}""", "synonyms[0][1] must be a string; it is a number")]
    [InlineData("""{"defaultLanguage": "fr"}""", "threshold must be greater than 0 and at most 1 (it is 0)")]
    [InlineData("""{"threshold": 0.5}""", "default_language is required")]
    [InlineData("""[0.5]""", "settings must be an object; it is an array")]
    [InlineData("""{"threshold": 0.5,""", "the settings are not valid JSON")]
    public void Broken_settings_documents_are_refused(string document, string expected)
    {
        var problem = KnowledgeValidator.SettingsDocument(document, out var settings);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem.Message);
        Assert.Null(settings);
    }

    /// <summary>The demo knowledge base as JSON, with <paramref name="change"/> applied to its array.</summary>
    private static string Demo(Action<JsonArray>? change = null)
    {
        var array = JsonNode.Parse(DemoKnowledgeBase.Document())!.AsArray();
        change?.Invoke(array);
        return array.ToJsonString();
    }

    public static TheoryData<string, string, int, string, string> BrokenDocuments() => new()
    {
        {
            "a pattern that does not compile at index 7",
            Demo(a => a[7]!["flow"] = JsonNode.Parse("""{"slots": [{"name": "ref", "prompt": {"fr": "Référence ?"}, "pattern": "[A-Z"}], "end": "answer"}""")),
            7, "[7].flow.slots[0].pattern", "entry at index 7 (id 'bank-details-change'): flow.slots[0].pattern does not compile as a regular expression"
        },
        {
            "an unknown property",
            Demo(a => a[1]!["question"] = "typo"),
            1, "[1].question", "entry at index 1 (id 'contact-channels'): the entry has an unknown property 'question' (an entry has id, tags, questions, answers and flow)"
        },
        {
            "tags as a string",
            Demo(a => a[3]!["tags"] = "billing"),
            3, "[3].tags", "entry at index 3 (id 'invoice-contest'): tags must be an array of strings; it is a string"
        },
        {
            "a phrasing that is a number",
            Demo(a => a[4]!["questions"]!["en"]!.AsArray().Insert(1, 42)),
            4, "[4].questions.en[1]", "questions.en[1] must be a string; it is a number"
        },
        {
            "an entry that is not an object",
            Demo(a => a.Insert(2, "opening-hours")),
            2, "[2].entry", "entry at index 2: the entry must be an object; it is a string"
        },
        {
            "a duplicate id",
            Demo(a => a[9]!["id"] = "opening-hours"),
            9, "[9].id", "entry at index 9 (id 'opening-hours'): id 'opening-hours' is also the id of the entry at index 0: ids must be unique"
        },
        {
            "a missing answer",
            Demo(a => a[26]!.AsObject().Remove("answers")),
            26, "[26].answers", "entry at index 26 (id 'access-badge'): answers is required"
        },
        {
            "an escalation without queue",
            Demo(a => a[14]!["flow"]!.AsObject().Remove("queue")),
            14, "[14].flow.queue", "entry at index 14 (id 'report-breakdown'): flow.queue is required when flow.end is escalate"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void A_document_with_a_bad_entry_is_refused_naming_its_index_and_field(string why, string document, int index, string field, string expected)
    {
        var problem = KnowledgeValidator.Document(document, out var entries);
        Assert.True(problem is not null, $"{why}: no problem found");
        Assert.Equal(index, problem.Index);
        Assert.Equal(field, problem.Field);
        Assert.Contains(expected, problem.Message);
        Assert.Empty(entries);
    }

    public static TheoryData<string, string, string, string> BrokenDocumentsAsAWhole() => new()
    {
        { "empty", " ", KnowledgeErrorCodes.Invalid, "document is empty: send a JSON array of entries" },
        { "not JSON", "[{\"id\": ", KnowledgeErrorCodes.Invalid, "the document is not valid JSON" },
        { "an object", "{\"entries\": []}", KnowledgeErrorCodes.Invalid, "the document must be a JSON array of entries; it is an object" },
        { "2001 entries", "[" + string.Join(",", Enumerable.Repeat("{}", 2001)) + "]", KnowledgeErrorCodes.LimitReached, "the document has 2001 entries; a knowledge base holds at most 2000" },
        { "over 4 MB", "[\"" + new string('x', 4_000_000) + "\"]", KnowledgeErrorCodes.LimitReached, "the document is 4000004 bytes of UTF-8; the limit is 4000000 (4 MB)" },
    };

    [Theory]
    [MemberData(nameof(BrokenDocumentsAsAWhole))]
    public void A_document_that_is_not_an_array_of_entries_is_refused(string why, string document, string code, string expected)
    {
        var problem = KnowledgeValidator.Document(document, out _);
        Assert.True(problem is not null, $"{why}: no problem found");
        Assert.Null(problem.Index);
        Assert.Equal(code, problem.Code);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        var problem = KnowledgeValidator.Document("""[{"id": "a", "id": "b", "questions": {"fr": ["q"]}, "answers": {"fr": "r"}}]""", out _);
        Assert.NotNull(problem);
        Assert.Contains("entry at index 0", problem.Message);
        Assert.Contains("the entry has the property 'id' twice", problem.Message);
    }

    [Fact]
    public void The_export_form_reads_back_to_the_same_document()
    {
        Assert.Null(KnowledgeValidator.Document(DemoKnowledgeBase.Document(), out var entries));
        var exported = KnowledgeJson.Write(entries);

        // The same content as the demo file, property order aside, and stable through another round.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DemoKnowledgeBase.Document()), JsonNode.Parse(exported)));
        Assert.Null(KnowledgeValidator.Document(exported, out var again));
        Assert.Equal(exported, KnowledgeJson.Write(again));
        Assert.Contains("Êtes-vous ouverts le samedi ?", exported);
    }
}
