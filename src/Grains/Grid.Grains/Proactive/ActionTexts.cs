namespace Grid.Proactive;

/// <summary>
/// The words of action pages and answers Grid writes itself, in French and English (other languages get English): the
/// fixed choices of confirm and ask-callback actions, the default prompts, and the answer on the customer's channel.
/// </summary>
internal static class ActionTexts
{
    public static string Language(string? language) => language == "fr" ? "fr" : "en";

    /// <summary>The choices of the page in the customer's language: the tenant's options, or the kind's fixed ones.</summary>
    public static IReadOnlyList<ActionChoice> Choices(PushAction action, string language, string? fallback) => action.Kind switch
    {
        PushActionKinds.ChooseOption => [.. action.Options.Select(o => new ActionChoice(o.Id, Pick(o.Labels, language, fallback)))],
        PushActionKinds.Confirm =>
        [
            new(PushActionKinds.WorksAgain, Language(language) == "fr" ? "Ça fonctionne à nouveau" : "It works again"),
            new(PushActionKinds.StillBroken, Language(language) == "fr" ? "C'est toujours en panne" : "It is still broken"),
        ],
        _ => [new(PushActionKinds.Callback, Language(language) == "fr" ? "Être rappelé" : "Call me back")],
    };

    /// <summary>The question above the choices: the tenant's prompt in the customer's language, else the kind's default.</summary>
    public static string Prompt(PushAction action, string language)
    {
        if (action.Prompts.TryGetValue(language, out var prompt))
        {
            return prompt;
        }

        var french = Language(language) == "fr";
        return action.Kind switch
        {
            PushActionKinds.ChooseOption => french ? "Choisissez ce qui vous convient" : "Choose what suits you",
            PushActionKinds.Confirm => french ? "Est-ce que cela fonctionne à nouveau ?" : "Does it work again?",
            _ => french ? "Souhaitez-vous être rappelé ?" : "Would you like us to call you back?",
        };
    }

    /// <summary>The answer sent on the customer's channel once their choice is recorded.</summary>
    public static string Thanks(string language, string label) =>
        Language(language) == "fr" ? $"Merci, nous avons bien noté votre choix : {label}." : $"Thank you, we have noted your choice: {label}.";

    /// <summary>A text in the language, else the fallback language's, else the first by language code.</summary>
    public static string Pick(IReadOnlyDictionary<string, string> texts, string language, string? fallback) =>
        texts.TryGetValue(language, out var text) ? text
        : fallback is not null && texts.TryGetValue(fallback, out var other) ? other
        : texts.OrderBy(t => t.Key, StringComparer.Ordinal).First().Value;
}
