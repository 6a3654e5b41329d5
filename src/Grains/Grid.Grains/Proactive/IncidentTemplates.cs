using System.Text;
using System.Text.RegularExpressions;

namespace Grid.Proactive;

/// <summary>
/// An incident message's templates: one per language (two-letter code), with variables written <c>{name}</c> and taken
/// from the incident's variables. Validated as a whole before anything is stored.
/// </summary>
internal static partial class IncidentTemplates
{
    /// <summary>The longest template, in characters (a long SMS is 10 segments; an email says more in a link).</summary>
    public const int MaxChars = 1600;

    public const int MaxLanguages = 20;

    public const int MaxVariables = 32;

    public const int MaxVariableChars = 200;

    [GeneratedRegex(@"\{([A-Za-z0-9_]{1,64})\}")]
    private static partial Regex Variable();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex VariableName();

    /// <summary>
    /// Checks the templates against the variables; <see cref="ProactiveRuleException"/> says which template and what to fix.
    /// <c>{link}</c> is the action's link: allowed when the message has an action (<paramref name="hasAction"/>), and never a variable.
    /// </summary>
    public static void Validate(IReadOnlyDictionary<string, string> templates, IReadOnlyDictionary<string, string> variables, string field, bool hasAction = false)
    {
        if (templates.Count == 0)
        {
            throw Invalid($"{field}: at least one template is required (language code → text, e.g. \"fr\")");
        }

        if (templates.Count > MaxLanguages)
        {
            throw Invalid($"{field}: {templates.Count} languages; at most {MaxLanguages}");
        }

        if (variables.Count > MaxVariables)
        {
            throw Invalid($"variables: {variables.Count} variables; at most {MaxVariables}");
        }

        foreach (var (name, value) in variables)
        {
            if (!VariableName().IsMatch(name))
            {
                throw Invalid($"variables: '{name}' is not a variable name; use letters, digits or '_' (at most 64)");
            }

            if (name == ActionLinks.Variable)
            {
                throw Invalid($"variables: '{name}' is reserved for the action's link; rename the variable");
            }

            if (value.Length > MaxVariableChars)
            {
                throw Invalid($"variables.{name}: {value.Length} characters; at most {MaxVariableChars}");
            }
        }

        foreach (var (language, text) in templates)
        {
            var at = $"{field}[{language}]";
            if (!LanguageCode().IsMatch(language))
            {
                throw Invalid($"{field}: '{language}' is not a language; use a two-letter lower-case code (\"fr\", \"en\")");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw Invalid($"{at}: the template is empty");
            }

            if (text.Length > MaxChars)
            {
                throw Invalid($"{at}: {text.Length} characters; a template holds at most {MaxChars}");
            }

            foreach (Match match in Variable().Matches(text))
            {
                if (match.Groups[1].Value == ActionLinks.Variable)
                {
                    if (!hasAction)
                    {
                        throw Invalid($"{at}: uses {{link}} but the message has no action (give one, or remove the link)");
                    }
                }
                else if (!variables.ContainsKey(match.Groups[1].Value))
                {
                    throw Invalid($"{at}: uses {{{match.Groups[1].Value}}} but no variable '{match.Groups[1].Value}' is given");
                }
            }
        }
    }

    /// <summary>The template with its variables replaced.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(template, m => variables.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>Every template rendered, by language.</summary>
    public static Dictionary<string, string> RenderAll(IReadOnlyDictionary<string, string> templates, IReadOnlyDictionary<string, string> variables) =>
        templates.ToDictionary(t => t.Key, t => Render(t.Value, variables), StringComparer.Ordinal);

    /// <summary>The language a customer gets: theirs when there is a template for it, else the fallback, else none.</summary>
    public static string? LanguageFor(string? customerLanguage, IReadOnlyDictionary<string, string> templates, string? fallback) =>
        customerLanguage is not null && templates.ContainsKey(customerLanguage) ? customerLanguage
        : fallback is not null && templates.ContainsKey(fallback) ? fallback
        : null;

    /// <summary>A stable text of templates for hashing (sorted by language).</summary>
    public static string Canonical(IReadOnlyDictionary<string, string> map)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append('\u001f').Append(value).Append('\u001e');
        }

        return builder.ToString();
    }

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
