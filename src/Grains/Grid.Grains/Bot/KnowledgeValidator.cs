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

        if (settings.OutOfScope is { } terms)
        {
            if (terms.Count > MaxOutOfScopeTerms)
            {
                return KnowledgeProblem.Invalid("out_of_scope", $"out_of_scope has {terms.Count} terms; the limit is {MaxOutOfScopeTerms}");
            }

            for (var i = 0; i < terms.Count; i++)
            {
                if (KnowledgeText.Check(terms[i], $"out_of_scope[{i}]", MaxSynonymLength) is { } bad)
                {
                    return bad;
                }
            }
        }

        return Language(settings.DefaultLanguage, "default_language");
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

    private static bool IsSlug(string value, int maxLength) => value.Length <= maxLength && Slug().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z")]
    private static partial Regex Slug();
}
