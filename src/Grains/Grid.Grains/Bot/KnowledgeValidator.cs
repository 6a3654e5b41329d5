using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Grid.Bot.KnowledgeLimits;

namespace Grid.Bot;

/// <summary>
/// Checks knowledge-base content against <see cref="KnowledgeLimits"/> and the rules of entries, flows and settings,
/// without side effects. Each check returns the first problem found (naming the field, and for a document the entry's
/// index), or null. The knowledge-base grain runs it on every write, so the rules hold whoever calls.
/// </summary>
internal static partial class KnowledgeValidator
{
    private const string SlugRule = "[a-z0-9._-], starting with a letter or digit";

    private static readonly string LanguageList = string.Join(", ", Languages);

    /// <summary>The first problem of an entry: id, tags, questions, answers, flow.</summary>
    public static KnowledgeProblem? Entry(KnowledgeEntry entry) =>
        Id(entry.Id)
        ?? Tags(entry.Tags)
        ?? Questions(entry.Questions)
        ?? Texts(entry.Answers, "answers", MaxAnswerLength, required: "the answer in at least one language")
        ?? (entry.Flow is { } flow ? Flow(flow) : null);

    /// <summary>A problem when <paramref name="id"/> is not an entry id: a lowercase slug of at most 64 characters.</summary>
    public static KnowledgeProblem? Id(string? id, string field = "id")
    {
        if (string.IsNullOrEmpty(id))
        {
            return KnowledgeProblem.Invalid(field, $"{field} is required: the entry's id, a lowercase slug ({SlugRule}, at most {MaxIdLength} characters)");
        }

        return IsSlug(id, MaxIdLength)
            ? null
            : KnowledgeProblem.Invalid(field, $"{field} '{KnowledgeText.Quote(id)}' is not a lowercase slug ({SlugRule}, at most {MaxIdLength} characters)");
    }

    /// <summary>A problem when <paramref name="language"/> is not one of <see cref="KnowledgeLimits.Languages"/>.</summary>
    public static KnowledgeProblem? Language(string? language, string field) =>
        string.IsNullOrEmpty(language)
            ? KnowledgeProblem.Invalid(field, $"{field} is required: one of {LanguageList}")
            : Languages.Contains(language)
                ? null
                : KnowledgeProblem.Invalid(field, $"{field} '{KnowledgeText.Quote(language)}' is not a supported language: one of {LanguageList}");

    /// <summary>The first problem of the bot settings: threshold, synonym groups, default language.</summary>
    public static KnowledgeProblem? Settings(KnowledgeSettings settings)
    {
        if (!double.IsFinite(settings.Threshold) || settings.Threshold <= 0 || settings.Threshold > 1)
        {
            return KnowledgeProblem.Invalid("threshold",
                $"threshold must be greater than 0 and at most 1 (it is {settings.Threshold}): the confidence below which the bot does not answer");
        }

        if (settings.Synonyms is null)
        {
            return KnowledgeProblem.Invalid("synonyms", "synonyms is required (it may be empty)");
        }

        if (settings.Synonyms.Count > MaxSynonymGroups)
        {
            return KnowledgeProblem.Invalid("synonyms", $"synonyms has {settings.Synonyms.Count} groups; the limit is {MaxSynonymGroups}");
        }

        for (var i = 0; i < settings.Synonyms.Count; i++)
        {
            var group = settings.Synonyms[i];
            var field = $"synonyms[{i}]";
            if (group is null || group.Count < 2)
            {
                return KnowledgeProblem.Invalid(field, $"{field} has {group?.Count ?? 0} word(s): a group is 2 to {MaxSynonymWords} words that mean the same");
            }

            if (group.Count > MaxSynonymWords)
            {
                return KnowledgeProblem.Invalid(field, $"{field} has {group.Count} words; the limit is {MaxSynonymWords}");
            }

            for (var j = 0; j < group.Count; j++)
            {
                if (KnowledgeText.Check(group[j], $"{field}[{j}]", MaxSynonymLength) is { } bad)
                {
                    return bad;
                }
            }
        }

        return Language(settings.DefaultLanguage, "default_language");
    }

    /// <summary>
    /// Reads and checks an import document: at most <see cref="KnowledgeLimits.MaxDocumentBytes"/>, a JSON array of at
    /// most <see cref="KnowledgeLimits.MaxEntries"/> entries, each valid, ids unique. A problem with an entry names its
    /// index. <paramref name="entries"/> holds the entries, in document order, only when there is no problem.
    /// </summary>
    public static KnowledgeProblem? Document(string? document, out IReadOnlyList<KnowledgeEntry> entries)
    {
        entries = [];
        if (string.IsNullOrWhiteSpace(document))
        {
            return KnowledgeProblem.Invalid("document", "document is empty: send a JSON array of entries ([{\"id\": …, \"questions\": {…}, \"answers\": {…}}, …])");
        }

        var bytes = Encoding.UTF8.GetByteCount(document);
        if (bytes > MaxDocumentBytes)
        {
            return KnowledgeProblem.Limit("document", $"the document is {bytes} bytes of UTF-8; the limit is {MaxDocumentBytes} (4 MB): import it in parts, without replace_all");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document, KnowledgeJson.ReaderOptions);
        }
        catch (JsonException ex)
        {
            return KnowledgeProblem.Invalid("document", $"the document is not valid JSON: {ex.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return KnowledgeProblem.Invalid("document", $"the document must be a JSON array of entries; it is {KnowledgeJson.Describe(root.ValueKind)}");
            }

            var count = root.GetArrayLength();
            if (count > MaxEntries)
            {
                return KnowledgeProblem.Limit("document", $"the document has {count} entries; a knowledge base holds at most {MaxEntries}");
            }

            var read = new List<KnowledgeEntry>(count);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (KnowledgeJson.ReadEntry(element, out var entry) is { } shape)
                {
                    return AtIndex(index, KnowledgeJson.IdOf(element), shape);
                }

                if (Entry(entry!) is { } bad)
                {
                    return AtIndex(index, entry!.Id, bad);
                }

                if (ids.TryGetValue(entry!.Id, out var first))
                {
                    return AtIndex(index, entry.Id, KnowledgeProblem.Invalid("id", $"id '{entry.Id}' is also the id of the entry at index {first}: ids must be unique"));
                }

                ids[entry.Id] = index;
                read.Add(entry);
                index++;
            }

            entries = read;
            return null;
        }
    }

    /// <summary>Reads and checks bot settings in their JSON form (see <see cref="KnowledgeJson.ReadSettings"/>).</summary>
    public static KnowledgeProblem? SettingsDocument(string document, out KnowledgeSettings? settings)
    {
        settings = null;
        try
        {
            using var json = JsonDocument.Parse(document, KnowledgeJson.ReaderOptions);
            if (KnowledgeJson.ReadSettings(json.RootElement, out var read) is { } shape)
            {
                return shape;
            }

            if (Settings(read!) is { } bad)
            {
                return bad;
            }

            settings = read;
            return null;
        }
        catch (JsonException ex)
        {
            return KnowledgeProblem.Invalid("settings", $"the settings are not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A problem of the entry at <paramref name="index"/> of a document, naming the index (and the id when it is one).</summary>
    private static KnowledgeProblem AtIndex(int index, string? id, KnowledgeProblem problem)
    {
        var named = id is not null && IsSlug(id, MaxIdLength) ? $" (id '{id}')" : "";
        return problem with
        {
            Field = $"[{index}].{problem.Field}",
            Index = index,
            Message = $"entry at index {index}{named}: {problem.Message}",
        };
    }

    /// <summary>A problem when a map of texts per language has a key that is not a supported language.</summary>
    private static KnowledgeProblem? LanguageKey(string language, string field) =>
        Languages.Contains(language)
            ? null
            : KnowledgeProblem.Invalid($"{field}.{KnowledgeText.Quote(language)}",
                $"{field} has language '{KnowledgeText.Quote(language)}', which is not supported: the languages are {LanguageList}");

    private static KnowledgeProblem? Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return KnowledgeProblem.Invalid("tags", "tags is required (it may be empty)");
        }

        if (tags.Count > MaxTags)
        {
            return KnowledgeProblem.Invalid("tags", $"tags has {tags.Count} tags; the limit is {MaxTags}");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (string.IsNullOrEmpty(tag) || !IsSlug(tag, MaxTagLength))
            {
                return KnowledgeProblem.Invalid($"tags[{i}]", $"tags[{i}] '{KnowledgeText.Quote(tag ?? "")}' is not a lowercase slug ({SlugRule}, at most {MaxTagLength} characters)");
            }

            if (tags.Take(i).Contains(tag, StringComparer.Ordinal))
            {
                return KnowledgeProblem.Invalid($"tags[{i}]", $"tags[{i}] '{tag}' is given twice");
            }
        }

        return null;
    }

    private static KnowledgeProblem? Questions(IReadOnlyDictionary<string, IReadOnlyList<string>>? questions)
    {
        if (questions is null || questions.Count == 0)
        {
            return KnowledgeProblem.Invalid("questions", $"questions is required: phrasings of the question in at least one language ({LanguageList})");
        }

        foreach (var (language, phrasings) in questions)
        {
            var field = $"questions.{KnowledgeText.Quote(language)}";
            if (LanguageKey(language, "questions") is { } badLanguage)
            {
                return badLanguage;
            }

            if (phrasings is null || phrasings.Count == 0)
            {
                return KnowledgeProblem.Invalid(field, $"{field} is empty: give at least one phrasing of the question, or remove the language");
            }

            if (phrasings.Count > MaxPhrasings)
            {
                return KnowledgeProblem.Invalid(field, $"{field} has {phrasings.Count} phrasings; the limit is {MaxPhrasings}");
            }

            for (var i = 0; i < phrasings.Count; i++)
            {
                if (KnowledgeText.Check(phrasings[i], $"{field}[{i}]", MaxPhrasingLength) is { } bad)
                {
                    return bad;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Texts per language: each language supported, each text present and within <paramref name="maxLength"/>;
    /// <paramref name="required"/> says what the field must hold when it is required (at least one language), null when
    /// it is optional.
    /// </summary>
    private static KnowledgeProblem? Texts(IReadOnlyDictionary<string, string>? texts, string field, int maxLength, string? required)
    {
        if (texts is null || texts.Count == 0)
        {
            return required is null ? null : KnowledgeProblem.Invalid(field, $"{field} is required: {required} ({LanguageList})");
        }

        foreach (var (language, text) in texts)
        {
            var at = $"{field}.{KnowledgeText.Quote(language)}";
            if (LanguageKey(language, field) is { } badLanguage)
            {
                return badLanguage;
            }

            if (KnowledgeText.Check(text, at, maxLength) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private static KnowledgeProblem? Flow(KnowledgeFlow flow)
    {
        if (flow.Slots is null)
        {
            return KnowledgeProblem.Invalid("flow.slots", "flow.slots is required (it may be empty)");
        }

        if (flow.Slots.Count > MaxSlots)
        {
            return KnowledgeProblem.Invalid("flow.slots", $"flow.slots has {flow.Slots.Count} slots; the limit is {MaxSlots}");
        }

        var names = new List<string>();
        for (var i = 0; i < flow.Slots.Count; i++)
        {
            if (Slot(flow.Slots[i], $"flow.slots[{i}]", names) is { } bad)
            {
                return bad;
            }
        }

        if ((Texts(flow.Confirm, "flow.confirm", MaxAnswerLength, required: null) ?? Placeholders(flow.Confirm, names)) is { } badConfirm)
        {
            return badConfirm;
        }

        if (string.IsNullOrEmpty(flow.End))
        {
            return KnowledgeProblem.Invalid("flow.end", "flow.end is required: answer, escalate or task");
        }

        if (!FlowEnds.Contains(flow.End))
        {
            return KnowledgeProblem.Invalid("flow.end", $"flow.end must be answer, escalate or task (it is '{KnowledgeText.Quote(flow.End)}')");
        }

        if (flow.End == "escalate" && string.IsNullOrEmpty(flow.Queue))
        {
            return KnowledgeProblem.Invalid("flow.queue", "flow.queue is required when flow.end is escalate: the queue the conversation goes to");
        }

        if (flow.Queue is not null && !IsSlug(flow.Queue, 63))
        {
            return KnowledgeProblem.Invalid("flow.queue", $"flow.queue '{KnowledgeText.Quote(flow.Queue)}' is not a queue name: a lowercase slug ({SlugRule}, at most 63 characters)");
        }

        return null;
    }

    private static KnowledgeProblem? Slot(FlowSlot? slot, string field, List<string> names)
    {
        if (slot is null)
        {
            return KnowledgeProblem.Invalid(field, $"{field} is empty: a slot has a name and a prompt");
        }

        if (string.IsNullOrEmpty(slot.Name))
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name is required: a lowercase identifier ([a-z][a-z0-9_]*, at most {MaxSlotNameLength} characters) that confirmations quote as {{name}}");
        }

        if (slot.Name.Length > MaxSlotNameLength || !SlotName().IsMatch(slot.Name))
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name '{KnowledgeText.Quote(slot.Name)}' is not a lowercase identifier ([a-z][a-z0-9_]*, at most {MaxSlotNameLength} characters)");
        }

        if (names.IndexOf(slot.Name) is var other and >= 0)
        {
            return KnowledgeProblem.Invalid($"{field}.name", $"{field}.name '{slot.Name}' is the name of flow.slots[{other}] too: slot names must differ");
        }

        names.Add(slot.Name);
        if (Texts(slot.Prompt, $"{field}.prompt", MaxPromptLength, required: "the question asking for the value in at least one language") is { } badPrompt)
        {
            return badPrompt;
        }

        if (slot.Pattern is not null && Pattern(slot.Pattern, $"{field}.pattern") is { } badPattern)
        {
            return badPattern;
        }

        if (slot.Normalize is not null && !Normalizations.Contains(slot.Normalize))
        {
            return KnowledgeProblem.Invalid($"{field}.normalize", $"{field}.normalize must be upper or lower, or be left out (it is '{KnowledgeText.Quote(slot.Normalize)}')");
        }

        return Texts(slot.Invalid, $"{field}.invalid", MaxPromptLength, required: null);
    }

    /// <summary>A pattern must compile as a .NET regular expression, with the timeout it is matched with.</summary>
    private static KnowledgeProblem? Pattern(string pattern, string field)
    {
        if (KnowledgeText.Check(pattern, field, MaxPatternLength) is { } bad)
        {
            return bad;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return KnowledgeProblem.Invalid(field, $"{field} does not compile as a regular expression: {ex.Message}");
        }
    }

    /// <summary>A confirmation's placeholders ({name}) must name slots of the flow.</summary>
    private static KnowledgeProblem? Placeholders(IReadOnlyDictionary<string, string>? confirm, List<string> names)
    {
        foreach (var (language, text) in confirm ?? new Dictionary<string, string>())
        {
            foreach (Match placeholder in Placeholder().Matches(text))
            {
                var name = placeholder.Groups[1].Value;
                if (!names.Contains(name))
                {
                    var slots = names.Count == 0 ? "the flow has no slots" : "its slots: " + string.Join(", ", names);
                    return KnowledgeProblem.Invalid($"flow.confirm.{language}", $"flow.confirm.{language} quotes {{{name}}}, which is not a slot of the flow ({slots})");
                }
            }
        }

        return null;
    }

    private static bool IsSlug(string value, int maxLength) => value.Length <= maxLength && Slug().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z")]
    private static partial Regex Slug();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")]
    private static partial Regex SlotName();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
