using System.Text.RegularExpressions;

namespace Grid.Bot;

/// <summary>
/// A person asked for by name: "est-ce que je peux reparler à Sophie ?", "vous me passez Julien ?", "put me on with
/// Claire", "can I speak to Mr Patel again". Read on the text as written, because only the capital tells a first name
/// from a word; the verb must ask (to talk to, to be put through to), not tell ("j'ai parlé à Sophie", "I spoke to
/// Claire" do not match). The matcher takes it for a request only when the base has no answer
/// (docs/architecture.md, the person-request rules).
/// </summary>
public static partial class NamedPersonRequest
{
    /// <summary>
    /// Whether the message asks to talk to, or be put through to, someone named, or whether someone named is there
    /// ("Is Mark from the technical team around?", "Est-ce que Karim du service technique est disponible ?").
    /// </summary>
    public static bool AsksForSomeoneByName(string text)
    {
        foreach (Match match in Pattern().Matches(text).Concat(Availability().Matches(text)))
        {
            if (!NotNames.Contains(match.Groups["name"].Value) && !Negated(text, match.Index))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"je ne veux plus avoir affaire à Kevin", "I don't want to talk to Mark": a negation before the verb in the same phrase.</summary>
    private static bool Negated(string text, int at)
    {
        var from = text.LastIndexOfAny(['.', '?', '!', ',', ';', '\n'], Math.Max(0, at - 1)) + 1;
        return Negation().IsMatch(text[from..at]);
    }

    [GeneratedRegex(@"(?i)\b(?:ne|n'|n’|not|never|jamais|pas|don't|dont|won't|wont)(?:\b|\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    // Capitalised words that follow these verbs and are no one's first name (a greeting, the bot, a company's service).
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "Bonjour", "Hello", "Merci", "Thanks", "Please", "Svp", "Stp", "Vous", "You", "Your", "Votre", "Vos", "Le", "La", "Les", "The", "Un", "Une", "A", "An",
        "Quelqu", "Quelquun", "Someone", "Somebody", "Anyone", "Personne", "Nobody", "Moi", "Me", "Him", "Her", "Lui", "Elle",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Lundi", "Mardi", "Mercredi", "Jeudi",
        "Vendredi", "Samedi", "Dimanche", "There", "This", "That", "Internet", "Parking", "Support", "Service",
    };

    // "Is Mark … around?", "Est-ce que Karim … est disponible ?": a capitalised word asked about, then within the same
    // sentence a word of being there to take a call.
    [GeneratedRegex(
        @"(?i:\bis\s+|\best-ce\s+que?\s+|\best-ce\s+qu')(?<name>\p{Lu}\p{Ll}{2,})\b[^.?!\n]{0,50}?(?i:\b(?:available|around|there|free|in\s+today|disponible|joignable|là|present|présent)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Availability();

    // Verbs that ask, then an optional title, then a capitalised word of letters only (not all capitals: "EDF", "SAV").
    [GeneratedRegex(
        @"(?i:\b(?:re)?parler\s+(?:à|a|avec)|\bavoir\s+(?:de\s+nouveau\s+|à\s+nouveau\s+)?affaire\s+(?:à|a)|\bdeal\s+(?:again\s+)?with|\bdiscuter\s+avec|\b(?:passe[rz]?|redonne[rz]?)(?:-|\s)moi|\bme\s+(?:passer|passez|passe|redonner|redonnez)|\b(?:speak|talk|chat)\s+(?:again\s+)?(?:to|with)|\bput\s+me\s+(?:on|through)\s+(?:with|to)|\bask(?:ing)?\s+for)\s+(?i:again\s+)?(?i:(?:Mme|Mlle|Madame|Monsieur|M\.|Mrs|Mr|Ms|Miss)\.?\s+)?(?<name>\p{Lu}\p{Ll}{2,})\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
