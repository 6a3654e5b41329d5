using System.Security.Cryptography;
using System.Text;
using Grid.Proactive;

namespace Grid.Edge.Web;

/// <summary>
/// The HTML of an action link's page (docs/architecture.md, "Actionable pushes"): plain server-rendered HTML, one small
/// stylesheet inline (allowed by its hash in the page's Content-Security-Policy), no script, nothing from elsewhere, a
/// form whose buttons post the choice back to the same address. French or English by the push's language; a page whose
/// language is unknown (a forged link) says it in both.
/// </summary>
internal static class ActionPageHtml
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#fff;line-height:1.5}"
        + "main{max-width:32rem;margin:0 auto}h1{font-size:1.4rem}fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:.5rem}"
        + "button{display:block;width:100%;min-height:3rem;margin:.5rem 0;padding:.75rem;font-size:1.05rem;border:2px solid #0b57d0;border-radius:.5rem;"
        + "background:#fff;color:#0b57d0;cursor:pointer}button:focus{outline:3px solid #f9ab00;outline-offset:2px}"
        + "p.note{color:#444}";

    /// <summary>The Content-Security-Policy of every action page: the inline stylesheet by its hash, forms to this origin, nothing else.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src 'none'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>What a refusal says, per outcome and language: title, then explanation.</summary>
    private static readonly Dictionary<(string Outcome, string Language), (string Title, string Body)> Refusals = new()
    {
        [(ActionOutcomes.Expired, "fr")] = ("Ce lien a expiré", "Il n'est plus possible de répondre avec ce lien. Rien n'a été modifié. Vous pouvez répondre au message reçu ou nous contacter."),
        [(ActionOutcomes.Expired, "en")] = ("This link has expired", "It can no longer be used to answer. Nothing was changed. You can reply to the message you received or contact us."),
        [(ActionOutcomes.Used, "fr")] = ("Ce lien a déjà été utilisé", "Votre réponse a déjà été enregistrée. Rien n'a été modifié."),
        [(ActionOutcomes.Used, "en")] = ("This link was already used", "Your answer was already recorded. Nothing was changed."),
        [(ActionOutcomes.Forged, "fr")] = ("Lien invalide", "Ce lien n'est pas valide (il a peut-être été mal copié). Rien n'a été modifié."),
        [(ActionOutcomes.Forged, "en")] = ("Invalid link", "This link is not valid (it may have been copied incompletely). Nothing was changed."),
        [(ActionOutcomes.Unknown, "fr")] = ("Cette demande n'existe plus", "Il n'y a plus rien à répondre avec ce lien. Rien n'a été modifié."),
        [(ActionOutcomes.Unknown, "en")] = ("This request no longer exists", "There is nothing left to answer with this link. Nothing was changed."),
        [(ActionOutcomes.BadChoice, "fr")] = ("Ce choix n'est pas proposé", "Rien n'a été modifié. Revenez à la page du lien pour choisir parmi les options proposées."),
        [(ActionOutcomes.BadChoice, "en")] = ("This choice is not offered", "Nothing was changed. Go back to the link's page to choose among the options offered."),
        [("unavailable", "fr")] = ("Service momentanément indisponible", "Rien n'a été modifié. Réessayez dans quelques minutes."),
        [("unavailable", "en")] = ("Service temporarily unavailable", "Nothing was changed. Try again in a few minutes."),
    };

    public static string Render(ActionPage page)
    {
        var language = page.Language == "fr" ? "fr" : "en";
        return page.Outcome switch
        {
            ActionOutcomes.Open => Document(language, page.Prompt, Form(page)),
            ActionOutcomes.Answered => Document(language, language == "fr" ? "Merci" : "Thank you",
                Paragraph(ActionTextsOnPage.Noted(language, page.Chosen ?? "")) + Paragraph(language == "fr" ? "Vous pouvez fermer cette page." : "You can close this page.", "note")),
            _ when page.Language is null => Document("fr", Refusals[(page.Outcome, "fr")].Title + " / " + Refusals[(page.Outcome, "en")].Title,
                Paragraph(Refusals[(page.Outcome, "fr")].Body) + Paragraph(Refusals[(page.Outcome, "en")].Body, lang: "en")),
            _ => Document(language, Refusals[(page.Outcome, language)].Title, Paragraph(Refusals[(page.Outcome, language)].Body)),
        };
    }

    private static string Form(ActionPage page)
    {
        var html = new StringBuilder();
        if (page.Text.Length > 0)
        {
            html.Append(Paragraph(page.Text));
        }

        html.Append("<form method=\"post\"><fieldset><legend>").Append(Encode(page.Prompt)).Append("</legend>");
        foreach (var choice in page.Choices)
        {
            html.Append("<button type=\"submit\" name=\"choice\" value=\"").Append(Encode(choice.Id)).Append("\">").Append(Encode(choice.Label)).Append("</button>");
        }

        return html.Append("</fieldset></form>").ToString();
    }

    private static string Paragraph(string text, string? cssClass = null, string? lang = null) =>
        "<p" + (cssClass is null ? "" : $" class=\"{cssClass}\"") + (lang is null ? "" : $" lang=\"{lang}\"") + ">" + Encode(text).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";

    private static string Document(string language, string title, string body) =>
        $"<!doctype html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><title>{Encode(title)}</title><style>{Style}</style></head>"
        + $"<body><main><h1>{Encode(title)}</h1>{body}</main></body></html>";

    /// <summary>
    /// Escapes the five characters that matter in text and double-quoted attributes; everything else stays as written
    /// (the page is UTF-8), so "é" reads as "é" in the source too.
    /// </summary>
    private static string Encode(string text) =>
        new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;").ToString();
}

/// <summary>The page's confirmation of a recorded choice.</summary>
internal static class ActionTextsOnPage
{
    public static string Noted(string language, string label) =>
        language == "fr" ? $"Nous avons bien noté votre choix : {label}." : $"We have noted your choice: {label}.";
}
