using System.Text;
using System.Text.RegularExpressions;
using Grid.Bot;

namespace Grid.Triage;

/// <summary>
/// Prepares an email for the category model: keeps the subject (without its RE:/TR:/Fwd: prefixes) and what the sender
/// wrote, and drops what does not say what they ask — quoted earlier messages (<c>&gt;</c> lines, "Le … a écrit :",
/// "On … wrote:", Outlook's "-----Original Message-----" or line of underscores with From:/De : and Sent:/Envoyé :),
/// forwarded headers (the forwarded text is kept: it is usually the request), the greeting, the sign-off and everything
/// after it (signature), "Sent from my …" lines and legal footers. Then case and accents are folded
/// (<see cref="TextNormalizer.Fold"/>). Pure and deterministic; a text without any of these passes unchanged but folded.
/// </summary>
internal static partial class EmailText
{
    /// <summary>
    /// The text the model is trained on and classifies: prepared (<paramref name="strip"/>), folded, every run of digits
    /// made one "0" (amounts, dates and numbers vary and say nothing of the category; that there is one may).
    /// </summary>
    public static string ForModel(string text, bool strip = true) => Digits().Replace(TextNormalizer.Fold(strip ? Prepare(text) : text), "0");

    /// <summary>The subject and the sender's own text, without quotes, forwarded headers, greeting, signature and footers.</summary>
    public static string Prepare(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var start = 0;
        var subject = "";
        if (lines.Length > 0 && SubjectLine().Match(lines[0]) is { Success: true } header)
        {
            subject = SubjectPrefixes().Replace(header.Groups[1].Value, "").Trim();
            start = 1;
        }

        var body = new StringBuilder();
        Body(lines.AsSpan(start), body);
        var result = (subject.Length > 0 ? subject + "\n" : "") + body.ToString().Trim();
        return result.Length > 0 ? result : text.Trim(); // nothing recognisable left: the model sees the whole email
    }

    /// <summary>Appends the sender's own lines; a forward's inner message is read the same way.</summary>
    private static void Body(ReadOnlySpan<string> lines, StringBuilder into)
    {
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (ForwardMarker().IsMatch(line))
            {
                Keep(kept, into);
                // Skip the forwarded message's header lines (From/De, Date, Subject/Objet kept as text, To/À, Cc).
                var j = i + 1;
                while (j < lines.Length && (lines[j].Trim().Length == 0 || HeaderLine().IsMatch(lines[j].Trim())))
                {
                    if (InnerSubject().Match(lines[j].Trim()) is { Success: true } inner)
                    {
                        into.Append(SubjectPrefixes().Replace(inner.Groups[1].Value, "").Trim()).Append('\n');
                    }

                    j++;
                }

                Body(lines[j..], into);
                return;
            }

            if (QuoteStart(lines, i))
            {
                break; // an earlier message quoted under this one: not what is asked now
            }

            if (SignatureSeparator().IsMatch(line) || (kept.Any(k => k.Length > 0) && SignOff().IsMatch(line)))
            {
                break; // sign-off or signature: the name, title, company and phones after it say nothing of the request
            }

            if (MobileLine().IsMatch(line) || Footer().IsMatch(line))
            {
                continue;
            }

            if (kept.All(k => k.Length == 0) && Greeting().IsMatch(line))
            {
                continue;
            }

            kept.Add(line);
        }

        Keep(kept, into);
    }

    private static void Keep(List<string> kept, StringBuilder into)
    {
        foreach (var line in kept.Where(l => l.Length > 0))
        {
            into.Append(line).Append('\n');
        }

        kept.Clear();
    }

    /// <summary>Whether line <paramref name="i"/> starts a quoted earlier message.</summary>
    private static bool QuoteStart(ReadOnlySpan<string> lines, int i)
    {
        var line = lines[i].Trim();
        if (line.StartsWith('>') || WroteLine().IsMatch(line) || OriginalMessage().IsMatch(line))
        {
            return true;
        }

        // Outlook without a marker line (or after a line of underscores): "From: …" / "De : …" then "Sent:" / "Envoyé :" within two lines.
        if (FromLine().IsMatch(line) || UnderscoreLine().IsMatch(line))
        {
            for (var j = i + 1; j < Math.Min(lines.Length, i + 4); j++)
            {
                if (SentLine().IsMatch(lines[j].Trim()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^subject\s*:\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectLine();

    [GeneratedRegex(@"^(?:objet|subject)\s*:\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InnerSubject();

    [GeneratedRegex(@"^(\s*(re|tr|fw|fwd|aw|wg|réf|ref)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPrefixes();

    [GeneratedRegex(@"^(-{2,}\s*(forwarded message|message transféré|message transfere|mensaje reenviado)\s*-{2,}|begin forwarded message\s*:|début du message réexpédié\s*:)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardMarker();

    [GeneratedRegex(@"^(from|de|date|sent|envoyé|subject|objet|to|à|a|cc|cci|bcc|reply-to)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(le|on)\s.{4,200}(a écrit|a ecrit|wrote)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WroteLine();

    [GeneratedRegex(@"^-{3,}\s*(original message|message d'origine|message d’origine|original)\s*-{3,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(from|de)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^(sent|envoyé|envoye|date)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentLine();

    [GeneratedRegex(@"^_{8,}$")]
    private static partial Regex UnderscoreLine();

    [GeneratedRegex(@"^(--\s?|_{2,7}|—)$")]
    private static partial Regex SignatureSeparator();

    // A line that is only a sign-off (the signature follows it).
    [GeneratedRegex(@"^(cordialement|bien cordialement|très cordialement|tres cordialement|cdlt|cdt|bien à vous|bien a vous|salutations( distinguées)?|sincères salutations|merci d'avance|merci d’avance|merci par avance|merci beaucoup et bonne journée|bonne journée|bonne soirée|merci de votre retour rapide|a bientôt|à bientôt|best regards|kind regards|warm regards|regards|rgds|many thanks( and regards)?|thanks( in advance)?|thank you|cheers|speak soon|best|sincerely|yours sincerely|yours faithfully)\s*[,.!]?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignOff();

    // A greeting line: the greeting and at most three words ("Bonjour madame, bonjour monsieur,", "Dear customer services,").
    [GeneratedRegex(@"^(bonjour|bonsoir|bjr|salut|allô|allo|madame|monsieur|messieurs|mesdames|hi|hello|hiya|hey|dear|good (morning|afternoon|evening))([\s,]+[\p{L}'’.-]+){0,3}[\s,!.:]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(envoyé de mon|envoye de mon|envoyé depuis|sent from my|sent from mail|get outlook for)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileLine();

    // Legal and environmental footers: confidentiality, disclaimers, "print only if", company registration lines.
    [GeneratedRegex(@"(confidenti|disclaimer|pas le destinataire|usage de son destinataire|destinataire visé|intended recipient|legally privileged|print this|imprimer ce|n'imprimez|registered in|capital de|siret|\bape\b|rcs\s|company (number|no)|cannot accept liability)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Footer();
}
