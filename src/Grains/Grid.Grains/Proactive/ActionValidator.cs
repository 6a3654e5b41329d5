using System.Text.RegularExpressions;

namespace Grid.Proactive;

/// <summary>The limits of an action (documented in proactive.proto).</summary>
public static class ActionLimits
{
    public const int MaxOptions = 10;
    public const int MaxIdChars = 64;
    public const int MaxLabelChars = 120;
    public const int MaxPromptChars = 300;
    public static readonly TimeSpan MinLinkLifetime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(30);
}

/// <summary>
/// Checks a message's action as a whole (pure, unit-tested): its kind, the options of a choose-option action (1 to 10,
/// ids unique, a label in every language the message has a template for), prompts, the link's lifetime and the integrator
/// that receives the answers. A refusal names the field and what to fix; nothing of a refused request is stored.
/// </summary>
internal static partial class ActionValidator
{
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex OptionId();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    public static void Validate(PushAction action, IReadOnlyDictionary<string, string> templates)
    {
        if (!PushActionKinds.All.Contains(action.Kind))
        {
            throw Invalid($"action.kind: '{Shorten(action.Kind)}' is not an action; use {string.Join(", ", PushActionKinds.All)}");
        }

        if (action.Kind == PushActionKinds.ChooseOption)
        {
            ValidateOptions(action.Options, templates);
        }
        else if (action.Options.Count > 0)
        {
            throw Invalid($"action.options: only {PushActionKinds.ChooseOption} takes options ({action.Kind} has its own choices)");
        }

        ValidateTexts(action.Prompts, "action.prompts", ActionLimits.MaxPromptChars);
        if (action.LinkLifetime is { } lifetime && (lifetime < ActionLimits.MinLinkLifetime || lifetime > ActionLimits.MaxLinkLifetime))
        {
            throw Invalid($"action.link_lifetime_seconds: {lifetime.TotalSeconds:0}; give 1 to {ActionLimits.MaxLinkLifetime.TotalSeconds:0} seconds (0: the default)");
        }

        if (string.IsNullOrWhiteSpace(action.ResultIntegrator) || action.ResultIntegrator.Length > 64)
        {
            throw Invalid("action.result_integrator: at most 64 characters (the integrator whose outbound stream receives the answers; empty: the caller)");
        }
    }

    private static void ValidateOptions(IReadOnlyList<ActionOption> options, IReadOnlyDictionary<string, string> templates)
    {
        if (options.Count == 0)
        {
            throw Invalid($"action.options: a {PushActionKinds.ChooseOption} action needs 1 to {ActionLimits.MaxOptions} options (id and labels per language)");
        }

        if (options.Count > ActionLimits.MaxOptions)
        {
            throw Invalid($"action.options: {options.Count} options; at most {ActionLimits.MaxOptions} (a page a customer can read on a phone)");
        }

        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (!OptionId().IsMatch(option.Id))
            {
                throw Invalid($"action.options[{i}].id: '{Shorten(option.Id)}' is not an id; use 1 to {ActionLimits.MaxIdChars} of A-Z a-z 0-9 . _ : -");
            }

            if (options.Take(i).Any(o => o.Id == option.Id))
            {
                throw Invalid($"action.options[{i}].id: '{option.Id}' is listed twice");
            }

            ValidateTexts(option.Labels, $"action.options[{i}].labels", ActionLimits.MaxLabelChars);
            if (templates.Keys.FirstOrDefault(language => !option.Labels.ContainsKey(language)) is { } missing)
            {
                throw Invalid($"action.options[{i}].labels: no label for '{missing}' (the message has a template in it)");
            }
        }
    }

    private static void ValidateTexts(IReadOnlyDictionary<string, string> texts, string field, int maxChars)
    {
        foreach (var (language, text) in texts)
        {
            if (!LanguageCode().IsMatch(language))
            {
                throw Invalid($"{field}: '{Shorten(language)}' is not a language; use a two-letter lower-case code (\"fr\", \"en\")");
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > maxChars)
            {
                throw Invalid($"{field}[{language}]: {text.Length} characters; give 1 to {maxChars}");
            }
        }
    }

    /// <summary>A stable text of an action for the incident's dedupe hash.</summary>
    public static string Canonical(PushAction? action) =>
        action is null ? ""
        : string.Join('\u001c', action.Kind, action.ResultIntegrator, action.LinkLifetime?.Ticks, IncidentTemplates.Canonical(action.Prompts),
            string.Join('\u001b', action.Options.Select(o => o.Id + "\u001a" + IncidentTemplates.Canonical(o.Labels))));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
